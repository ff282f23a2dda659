// ReadListFile reads a published list file whole, without the UTF-8 byte-order mark a
// spreadsheet or editor may have saved at its start (left in, it would glue itself to the
// first field and drop the first entry).
#pragma once

#include <filesystem>
#include <string>

#include "crosscheck/common/error.h"

namespace crosscheck::watchlist::internal {

// Errors: kNotFound when path does not exist; kInvalidInput when it cannot be read.
Result<std::string> ReadListFile(const std::filesystem::path& path);

}  // namespace crosscheck::watchlist::internal
