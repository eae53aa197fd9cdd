#pragma once
// CsvWriter: a CSV document built row by row, as RFC 4180 writes it: fields
// separated by commas, rows ended by CRLF, a field holding a comma, a double
// quote, CR or LF enclosed in double quotes with its quotes doubled. Bytes are
// kept as they are (UTF-8 text stays UTF-8); a null field is empty.
//
// Text a person typed (an incident's title, a root cause) can also be a formula
// to a spreadsheet that opens the file: text_cell() prefixes a single quote to a
// value starting with = + - @ TAB or CR, so Excel, LibreOffice and Google Sheets
// show it as text instead of running it (OWASP "CSV Injection"). The quote is
// visible in the cell; that is the price of never evaluating a cell.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::api {

class CsvWriter {
 public:
  // A field written as is (quoted when RFC 4180 requires it).
  void cell(std::string_view value);
  // Empty when absent.
  void optional_cell(const std::optional<std::string>& value);
  // Free text: neutralised when it could be read as a formula, then as cell().
  void text_cell(std::string_view value);
  void optional_text_cell(const std::optional<std::string>& value);
  // Ends the current row with CRLF.
  void end_row();

  std::size_t size() const { return out_.size(); }
  const std::string& text() const { return out_; }
  // The document; the writer is empty afterwards.
  std::string take();

 private:
  std::string out_;
  bool row_started_ = false;
};

}  // namespace switchyard::api
