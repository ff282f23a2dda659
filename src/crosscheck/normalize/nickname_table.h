// English given-name nicknames and their formal names (Bob -> robert), so that "Bob Smith"
// and "Robert Smith" share name tokens. Used by NormalizePersonName for order-free matching.
//
//   FormalGivenName("bill");  // "william"
#pragma once

#include <cstddef>
#include <string_view>

namespace crosscheck::normalize {

// FormalGivenName maps a lower-case ASCII nickname to its formal given name; any other token
// comes back unchanged (the returned view then refers to the argument). A nickname shared by
// several names (Alex, Chris, Sam) maps to one fixed choice so both sides of a comparison
// agree. Thread-safe; O(1).
std::string_view FormalGivenName(std::string_view token);

// NicknameCount returns the number of nicknames in the table (for tests).
std::size_t NicknameCount();

}  // namespace crosscheck::normalize
