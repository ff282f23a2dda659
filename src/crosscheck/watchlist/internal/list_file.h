// What every list reader needs of its file: ReadListFile reads a published list file whole,
// without the UTF-8 byte-order mark a spreadsheet or editor may have saved at its start (left
// in, it would glue itself to the first field and drop the first entry); ParseListId reads an
// entry's numeric id.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "crosscheck/common/error.h"

namespace crosscheck::watchlist::internal {

// Errors: kNotFound when path does not exist; kInvalidInput when it cannot be read.
Result<std::string> ReadListFile(const std::filesystem::path& path);

// ParseListId reads a list's numeric entry id (OFAC's ent_num, the UN's DATAID, the EU's
// logical id, OFSI's Group ID) into value: true when text is a positive integer and nothing else.
bool ParseListId(std::string_view text, std::int64_t& value);

}  // namespace crosscheck::watchlist::internal
