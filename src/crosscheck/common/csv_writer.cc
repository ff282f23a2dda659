#include "crosscheck/common/csv_writer.h"

#include <cerrno>
#include <cstring>

namespace crosscheck {

Result<CsvWriter> CsvWriter::Open(const std::filesystem::path& path, CellPolicy policy) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) {
    return InvalidInput("cannot create " + path.string() + ": " + std::strerror(errno));
  }
  return CsvWriter(file, path, policy);
}

bool CsvWriter::IsFormulaLike(std::string_view field) {
  if (field.empty()) return false;
  const char first = field.front();
  if (first != '=' && first != '+' && first != '-' && first != '@' && first != '\t' && first != '\r') {
    return false;
  }
  // A plain number (the program's own scores and log-odds) stays numeric: sign, digits, an
  // optional fraction and exponent, nothing else.
  std::size_t pos = (first == '+' || first == '-') ? 1 : 0;
  auto digits = [&] {
    const std::size_t start = pos;
    while (pos < field.size() && field[pos] >= '0' && field[pos] <= '9') ++pos;
    return pos > start;
  };
  bool any = digits();
  if (pos < field.size() && field[pos] == '.') {
    ++pos;
    any = digits() || any;
  }
  if (any && pos < field.size() && (field[pos] == 'e' || field[pos] == 'E')) {
    ++pos;
    if (pos < field.size() && (field[pos] == '+' || field[pos] == '-')) ++pos;
    any = digits();
  }
  return !(any && pos == field.size());
}

void CsvWriter::AppendField(std::string& out, std::string_view field, CellPolicy policy) {
  // OWASP "CSV Injection": a leading ' makes spreadsheets show the cell as text.
  const std::string_view prefix = policy == CellPolicy::kReport && IsFormulaLike(field) ? "'" : "";
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(prefix);
    out.append(field);
    return;
  }
  out.push_back('"');
  out.append(prefix);
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
    AppendField(buffer_, fields[field_idx], policy_);
  }
  WriteLine(buffer_);
}

void CsvWriter::WriteRow(std::initializer_list<std::string_view> fields) {
  buffer_.clear();
  bool first = true;
  for (std::string_view field : fields) {
    if (!first) buffer_.push_back(',');
    first = false;
    AppendField(buffer_, field, policy_);
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
