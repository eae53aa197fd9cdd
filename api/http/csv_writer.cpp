#include "http/csv_writer.hpp"

#include <utility>

namespace switchyard::api {
namespace {

bool needs_quotes(std::string_view value) {
  return value.find_first_of(",\"\r\n") != std::string_view::npos;
}

// The first characters that make a spreadsheet read a cell as a formula (OWASP).
bool reads_as_formula(std::string_view value) {
  return !value.empty() &&
         std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
}

}  // namespace

void CsvWriter::cell(std::string_view value) {
  if (row_started_) out_ += ',';
  row_started_ = true;
  if (!needs_quotes(value)) {
    out_ += value;
    return;
  }
  out_ += '"';
  for (const char c : value) {
    if (c == '"') out_ += '"';
    out_ += c;
  }
  out_ += '"';
}

void CsvWriter::optional_cell(const std::optional<std::string>& value) {
  cell(value ? std::string_view(*value) : std::string_view());
}

void CsvWriter::text_cell(std::string_view value) {
  if (!reads_as_formula(value)) {
    cell(value);
    return;
  }
  std::string neutral;
  neutral.reserve(value.size() + 1);
  neutral += '\'';
  neutral += value;
  cell(std::string_view(neutral));
}

void CsvWriter::optional_text_cell(const std::optional<std::string>& value) {
  text_cell(value ? std::string_view(*value) : std::string_view());
}

void CsvWriter::end_row() {
  out_ += "\r\n";
  row_started_ = false;
}

std::string CsvWriter::take() {
  row_started_ = false;
  return std::exchange(out_, {});
}

}  // namespace switchyard::api
