// CsvWriter writes RFC 4180 CSV: fields holding a comma, quote, CR or LF are quoted and
// quotes doubled; rows end with LF.
//
//   CC_ASSIGN_OR_RETURN(CsvWriter writer, CsvWriter::Open(dir / "personas.csv"));
//   writer.WriteRow({"application_id", "persona_id"});
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"

namespace crosscheck {

class CsvWriter {
 public:
  // Open creates or truncates path. kInvalidInput when it cannot be created.
  static Result<CsvWriter> Open(const std::filesystem::path& path);

  // WriteRow writes one record.
  void WriteRow(const std::vector<std::string>& fields);
  void WriteRow(std::initializer_list<std::string_view> fields);
  // WriteText writes already formatted rows as they are: fields escaped with AppendField and
  // joined by ',', each row ending in LF (e.g. rows formatted on several threads).
  void WriteText(std::string_view text);

  // Close flushes and closes; kInvalidInput when the write failed (disk full).
  Status Close();

  // AppendField appends one escaped field to out (exposed for writers that build rows).
  static void AppendField(std::string& out, std::string_view field);

 private:
  struct FileCloser {
    void operator()(std::FILE* file) const {
      if (file) std::fclose(file);
    }
  };
  explicit CsvWriter(std::FILE* file, std::filesystem::path path)
      : file_(file), path_(std::move(path)) {}
  void WriteLine(const std::string& line);

  std::unique_ptr<std::FILE, FileCloser> file_;
  std::filesystem::path path_;
  std::string buffer_;
};

}  // namespace crosscheck
