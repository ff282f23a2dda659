// EmployeeMapping: a corporate login joined to the hire it belongs to and the residence the
// hire claimed on the application — the baseline every post-hire sign-in is compared with.
//
//   std::vector<EmployeeMapping> staff = BuildEmployeeMappings(employees, applications);
//   // staff[0].residence_country == "US", staff[0].time_zone == "America/Chicago"
#pragma once

#include <string>
#include <vector>

#include "crosscheck/common/model.h"

namespace crosscheck::monitor {

// EmployeeMapping is one account to watch. Empty fields are unknown.
struct EmployeeMapping {
  std::string login;              // as in employees.csv / actor.alternateId
  std::string application_id;
  std::string company_id;
  std::string residence_country;  // ISO 3166-1 alpha-2 claimed on the application
  std::string residence_region;   // state / province as written
  std::string time_zone;          // IANA zone of the claimed residence
};

// BuildEmployeeMappings joins employees.csv rows to their applications by application_id
// (applications may be empty: the residence is then unknown) and resolves each residence's
// country (ISO code, name or alias) and time zone (normalize::DefaultTimeZoneForRegion).
// One mapping per employee row, in input order.
std::vector<EmployeeMapping> BuildEmployeeMappings(
    const std::vector<EmployeeRecord>& employees,
    const std::vector<ApplicationRecord>& applications);

}  // namespace crosscheck::monitor
