// NormalizeApplication: one applications.csv row (ApplicationRecord) into the comparable form
// every later stage works on (NormalizedApplication), using the normalizers of this module.
// Malformed values become unknown fields plus an Issue; the row is always kept.
//
//   NormalizeContext context{.file = "applications.csv"};
//   IssueLog issues;
//   std::vector<NormalizedApplication> apps = NormalizeApplications(records, context, &issues);
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"

namespace crosscheck::normalize {

// NormalizeContext is what NormalizeApplication needs besides the row.
struct NormalizeContext {
  // file names the input in Issues ("applications.csv").
  std::string file = "applications.csv";
  // ip_enricher fills ip_address, ip_prefix and ip_info from the trimmed ip_address text.
  // May be empty: then ip_address is the trimmed text and the rest stays unknown. It is
  // called from several threads at once by NormalizeApplications, so it must be thread-safe.
  // It is not called for an empty ip_address.
  std::function<void(std::string_view ip, NormalizedApplication&)> ip_enricher;
  // default_region (ISO alpha-2) reads phones written without a country code in rows that
  // name no country (`--default-region`); empty = US.
  std::string default_region;
  // threads for NormalizeApplications; 0 = one per hardware thread (at least 2).
  std::size_t threads = 0;
};

// NormalizeApplication fills every field of NormalizedApplication from `record`: name
// (NormalizePersonName), e-mail with class and domain, phone in E.164 with the row's country
// as default region and the line type (phone_line_type wins), address fields and
// address_key, shipping_address_key, country (alpha-2, else folded text), LinkedIn / GitHub
// handles, payout_account (upper case, no spaces, dashes or dots), national_id (letters and
// digits, upper case), photo_hash (16 hex digits), interview_flags (split on ';', upper
// case), date_of_birth, submitted_at, idv fields, source, device_id; `index` is stored as
// given. A value that is present but unusable is left unknown and reported in `issues` (may
// be null) with severity kFieldIgnored and code BAD_EMAIL, BAD_PHONE, BAD_PHONE_LINE_TYPE,
// BAD_PHOTO_HASH, BAD_LINKEDIN or BAD_GITHUB, at context.file:record.line. Never fails.
NormalizedApplication NormalizeApplication(const ApplicationRecord& record, std::size_t index,
                                           const NormalizeContext& context, IssueLog* issues);

// NormalizeApplications normalizes every record (result[i] comes from records[i], index = i)
// on context.threads threads in contiguous chunks. Issues are appended to `issues` (may be
// null) in record order, as a sequential run would give them. Small inputs run on the calling
// thread.
std::vector<NormalizedApplication> NormalizeApplications(
    const std::vector<ApplicationRecord>& records, const NormalizeContext& context,
    IssueLog* issues);

}  // namespace crosscheck::normalize
