// The columns of the data contract's applications.csv (../shared/spec/DATA.md), in its order,
// each with the ApplicationRecord field it fills. One table for everything that maps a record to
// columns and back: the CSV reader, the company store, the service's JSON bodies and exports.
//
//   for (const ApplicationColumn& column : kApplicationColumns) {
//     out[column.name] = record.*column.field;
//   }
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "crosscheck/common/model.h"

namespace crosscheck {

// ApplicationColumn is one contract column: its name and the text field it maps to.
struct ApplicationColumn {
  std::string_view name;
  std::string ApplicationRecord::*field;
};

// kApplicationColumns lists the 28 columns of DATA.md's applications.csv table, in its order;
// application_id comes first, company_id second (the two required columns).
inline constexpr std::array<ApplicationColumn, 28> kApplicationColumns = {{
    {"application_id", &ApplicationRecord::application_id},
    {"company_id", &ApplicationRecord::company_id},
    {"submitted_at", &ApplicationRecord::submitted_at},
    {"stage", &ApplicationRecord::stage},
    {"full_name", &ApplicationRecord::full_name},
    {"email", &ApplicationRecord::email},
    {"phone", &ApplicationRecord::phone},
    {"phone_line_type", &ApplicationRecord::phone_line_type},
    {"date_of_birth", &ApplicationRecord::date_of_birth},
    {"street", &ApplicationRecord::street},
    {"city", &ApplicationRecord::city},
    {"region", &ApplicationRecord::region},
    {"postal_code", &ApplicationRecord::postal_code},
    {"country", &ApplicationRecord::country},
    {"shipping_address", &ApplicationRecord::shipping_address},
    {"ip_address", &ApplicationRecord::ip_address},
    {"linkedin", &ApplicationRecord::linkedin},
    {"github", &ApplicationRecord::github},
    {"resume_text", &ApplicationRecord::resume_text},
    {"photo_hash", &ApplicationRecord::photo_hash},
    {"payout_account", &ApplicationRecord::payout_account},
    {"national_id", &ApplicationRecord::national_id},
    {"device_id", &ApplicationRecord::device_id},
    {"idv_status", &ApplicationRecord::idv_status},
    {"idv_document_country", &ApplicationRecord::idv_document_country},
    {"interview_flags", &ApplicationRecord::interview_flags},
    {"referred_by", &ApplicationRecord::referred_by},
    {"source", &ApplicationRecord::source},
}};

}  // namespace crosscheck
