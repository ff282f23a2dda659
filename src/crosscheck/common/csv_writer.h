// CsvWriter writes RFC 4180 CSV: fields holding a comma, quote, CR or LF are quoted and
// quotes doubled; rows end with LF. Report cells are safe to open in a spreadsheet: a cell
// starting with = + - @ TAB or CR that is not a plain number gets a leading ' (OWASP "CSV
// Injection"), so "=HYPERLINK(...)" from an input shows as text; -3.25 stays a number.
//
//   CC_ASSIGN_OR_RETURN(CsvWriter writer, CsvWriter::Open(dir / "personas.csv"));
//   writer.WriteRow({"application_id", "persona_id"});
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/output_file.h"

namespace crosscheck {

// CellPolicy: kReport neutralizes formula-like cells (for files people open); kVerbatim
// writes values unchanged (for data files crosscheck reads back: a simulated applications.csv,
// where "+1 415 555 0100" must stay a phone number).
enum class CellPolicy : std::uint8_t { kReport, kVerbatim };

class CsvWriter {
 public:
  // Open starts writing path (through an OutputFile: the file appears whole at Close, or not
  // at all). kIoError when it cannot be created.
  static Result<CsvWriter> Open(const std::filesystem::path& path, CellPolicy policy = CellPolicy::kReport);

  // WriteRow writes one record.
  void WriteRow(const std::vector<std::string>& fields);
  void WriteRow(std::initializer_list<std::string_view> fields);
  // WriteText writes already formatted rows as they are: fields escaped with AppendField and
  // joined by ',', each row ending in LF (e.g. rows formatted on several threads).
  void WriteText(std::string_view text);

  // Close puts the file in place; kIoError with the OS reason when a write failed (disk full).
  Status Close();

  // AppendField appends one escaped field to out (exposed for writers that build rows); with
  // kReport a formula-like cell gets its leading ' (see the file comment).
  static void AppendField(std::string& out, std::string_view field, CellPolicy policy = CellPolicy::kReport);
  // IsFormulaLike says whether a spreadsheet could run `field` as a formula: it starts with
  // = + - @ TAB or CR and is not a plain decimal number such as -0.75 or +1e-3.
  static bool IsFormulaLike(std::string_view field);

 private:
  CsvWriter(OutputFile out, CellPolicy policy) : out_(std::move(out)), policy_(policy) {}
  void WriteLine(const std::string& line);

  OutputFile out_;
  bool closed_ = false;
  CellPolicy policy_ = CellPolicy::kReport;
  std::string buffer_;
};

}  // namespace crosscheck
