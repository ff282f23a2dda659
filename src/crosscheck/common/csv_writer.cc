#include "crosscheck/common/csv_writer.h"


namespace crosscheck {

Result<CsvWriter> CsvWriter::Open(const std::filesystem::path& path, CellPolicy policy) {
  CC_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(path));
  return CsvWriter(std::move(out), policy);
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
  out_.Write(line);
  out_.Write("\n");
}

void CsvWriter::WriteText(std::string_view text) { out_.Write(text); }

Status CsvWriter::Close() {
  if (closed_) return Ok();
  closed_ = true;
  return out_.Commit();
}

}  // namespace crosscheck
