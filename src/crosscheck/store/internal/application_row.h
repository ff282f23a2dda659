// How a stored application row maps to an ApplicationRecord and back, for every CompanyStore
// implementation: the contract's columns as text, the columns the contract does not name packed
// into one text value, and the parsed fields recomputed on load. Not part of the interface.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/model.h"

namespace crosscheck::store::internal {

// EncodeExtra packs (header, value) pairs as "<bytes>:<header><bytes>:<value>..." (any bytes).
std::string EncodeExtra(const std::vector<std::pair<std::string, std::string>>& extra);

// DecodeExtra unpacks EncodeExtra's text. kDataLoss when it is not such text.
Result<std::vector<std::pair<std::string, std::string>>> DecodeExtra(std::string_view text);

// ReparseFields sets submitted_at_unix and date_of_birth_parsed from their text (stored text
// was valid when received: the reader clears what does not parse).
void ReparseFields(ApplicationRecord& record);

}  // namespace crosscheck::store::internal
