// Small steps every list reader takes while filling an entry (sanctions_list.h): add a value
// once, add an alias once, join the parts a list gives separately.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/watchlist/sanctions_list.h"

namespace crosscheck::watchlist::internal {

// AddDistinct appends value to values unless it is empty or already there.
void AddDistinct(std::vector<std::string>& values, std::string_view value);

// AddAlias appends an alias unless its name is empty, the entry's name or an alias already.
void AddAlias(SanctionsEntry& entry, std::string_view alt_type, std::string_view name,
              std::string_view remarks);

// JoinNonEmpty joins the non-empty parts with separator.
std::string JoinNonEmpty(std::initializer_list<std::string_view> parts, std::string_view separator);

}  // namespace crosscheck::watchlist::internal
