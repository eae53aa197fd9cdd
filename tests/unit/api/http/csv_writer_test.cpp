// CsvWriter: RFC 4180 quoting (comma, double quote, CR, LF, CRLF), empty and null
// fields, CRLF row ends, UTF-8 kept byte for byte, and the formula neutralisation
// of free text (OWASP CSV injection).
#include "http/csv_writer.hpp"

#include <gtest/gtest.h>

namespace switchyard::api {
namespace {

std::string row_of(std::initializer_list<std::string_view> cells) {
  CsvWriter csv;
  for (const auto cell : cells) csv.cell(cell);
  csv.end_row();
  return csv.take();
}

std::string text_row_of(std::string_view value) {
  CsvWriter csv;
  csv.text_cell(value);
  csv.end_row();
  return csv.take();
}

TEST(CsvWriter, PlainFieldsAreSeparatedByCommasAndRowsEndWithCrlf) {
  CsvWriter csv;
  csv.cell("id");
  csv.cell("title");
  csv.end_row();
  csv.cell("1");
  csv.cell("Redis down");
  csv.end_row();
  EXPECT_EQ(csv.take(), "id,title\r\n1,Redis down\r\n");
  EXPECT_EQ(csv.size(), 0u);
}

TEST(CsvWriter, QuotesAFieldHoldingACommaQuoteCrOrLf) {
  EXPECT_EQ(row_of({"a,b"}), "\"a,b\"\r\n");
  EXPECT_EQ(row_of({"say \"hi\""}), "\"say \"\"hi\"\"\"\r\n");
  EXPECT_EQ(row_of({"\""}), "\"\"\"\"\r\n");
  EXPECT_EQ(row_of({"line1\nline2"}), "\"line1\nline2\"\r\n");
  EXPECT_EQ(row_of({"line1\rline2"}), "\"line1\rline2\"\r\n");
  EXPECT_EQ(row_of({"line1\r\nline2", "x"}), "\"line1\r\nline2\",x\r\n");
}

TEST(CsvWriter, LeavesSpacesAndSingleQuotesUnquoted) {
  EXPECT_EQ(row_of({" padded ", "it's"}), " padded ,it's\r\n");
}

TEST(CsvWriter, WritesEmptyAndNullFieldsAsNothingBetweenCommas) {
  CsvWriter csv;
  csv.cell("a");
  csv.optional_cell(std::optional<std::string>());
  csv.cell("");
  csv.optional_text_cell(std::optional<std::string>());
  csv.optional_cell(std::optional<std::string>("z"));
  csv.end_row();
  EXPECT_EQ(csv.take(), "a,,,,z\r\n");
}

TEST(CsvWriter, KeepsUtf8BytesAsTheyAre) {
  EXPECT_EQ(row_of({"Base de données — panne", "東京", "🚨"}), "Base de données — panne,東京,🚨\r\n");
  EXPECT_EQ(row_of({"café, crème"}), "\"café, crème\"\r\n");
}

TEST(CsvWriter, NeutralisesFreeTextThatASpreadsheetWouldRunAsAFormula) {
  EXPECT_EQ(text_row_of("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n");
  EXPECT_EQ(text_row_of("+1"), "'+1\r\n");
  EXPECT_EQ(text_row_of("-2+3"), "'-2+3\r\n");
  EXPECT_EQ(text_row_of("@SUM(A1)"), "'@SUM(A1)\r\n");
  EXPECT_EQ(text_row_of("\tcmd"), "'\tcmd\r\n");
  EXPECT_EQ(text_row_of("\rcmd"), "\"'\rcmd\"\r\n");
}

TEST(CsvWriter, LeavesOtherFreeTextAndPlainCellsAlone) {
  EXPECT_EQ(text_row_of("Memory exhaustion = OOM"), "Memory exhaustion = OOM\r\n");
  EXPECT_EQ(text_row_of(" =not first"), " =not first\r\n");
  EXPECT_EQ(text_row_of(""), "\r\n");
  // cell() is for values the platform writes (ids, timestamps, numbers): a
  // negative number stays a number.
  EXPECT_EQ(row_of({"-5"}), "-5\r\n");
}

}  // namespace
}  // namespace switchyard::api
