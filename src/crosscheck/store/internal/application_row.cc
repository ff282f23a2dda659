#include "crosscheck/store/internal/application_row.h"

#include <charconv>

#include "crosscheck/common/time.h"

namespace crosscheck::store::internal {
namespace {

void AppendPiece(std::string& out, std::string_view piece) {
  out += std::to_string(piece.size());
  out += ':';
  out += piece;
}

// TakePiece reads one "<bytes>:<text>" piece from the front of `text`.
bool TakePiece(std::string_view& text, std::string& piece) {
  std::size_t size = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), size);
  if (error != std::errc() || end == text.data() + text.size() || *end != ':') return false;
  const std::size_t start = static_cast<std::size_t>(end - text.data()) + 1;
  if (text.size() - start < size) return false;
  piece.assign(text.substr(start, size));
  text.remove_prefix(start + size);
  return true;
}

}  // namespace

std::string EncodeExtra(const std::vector<std::pair<std::string, std::string>>& extra) {
  std::string out;
  for (const auto& [header, value] : extra) {
    AppendPiece(out, header);
    AppendPiece(out, value);
  }
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> DecodeExtra(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> extra;
  while (!text.empty()) {
    std::pair<std::string, std::string> column;
    if (!TakePiece(text, column.first) || !TakePiece(text, column.second)) {
      return std::unexpected(Error(ErrorCode::kDataLoss, "a stored application's extra columns are corrupt"));
    }
    extra.push_back(std::move(column));
  }
  return extra;
}

void ReparseFields(ApplicationRecord& record) {
  if (!record.submitted_at.empty()) record.submitted_at_unix = ParseTimestamp(record.submitted_at);
  if (!record.date_of_birth.empty()) record.date_of_birth_parsed = ParseDate(record.date_of_birth);
}

}  // namespace crosscheck::store::internal
