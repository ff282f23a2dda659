#include "crosscheck/common/csv_writer.h"

#include <cerrno>
#include <cstring>

namespace crosscheck {

Result<CsvWriter> CsvWriter::Open(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) {
    return InvalidInput("cannot create " + path.string() + ": " + std::strerror(errno));
  }
  return CsvWriter(file, path);
}

void CsvWriter::AppendField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void CsvWriter::WriteRow(const std::vector<std::string>& fields) {
  buffer_.clear();
  for (std::size_t field_idx = 0; field_idx < fields.size(); ++field_idx) {
    if (field_idx > 0) buffer_.push_back(',');
    AppendField(buffer_, fields[field_idx]);
  }
  WriteLine(buffer_);
}

void CsvWriter::WriteRow(std::initializer_list<std::string_view> fields) {
  buffer_.clear();
  bool first = true;
  for (std::string_view field : fields) {
    if (!first) buffer_.push_back(',');
    first = false;
    AppendField(buffer_, field);
  }
  WriteLine(buffer_);
}

void CsvWriter::WriteLine(const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), file_.get());
  std::fputc('\n', file_.get());
}

void CsvWriter::WriteText(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), file_.get());
}

Status CsvWriter::Close() {
  std::FILE* file = file_.release();
  if (!file) return Ok();
  const bool write_failed = std::ferror(file) != 0;
  const bool close_failed = std::fclose(file) != 0;
  if (write_failed || close_failed) {
    return InvalidInput("failed writing " + path_.string());
  }
  return Ok();
}

}  // namespace crosscheck
