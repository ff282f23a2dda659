#include "crosscheck/monitor/employee_map.h"

#include <string_view>
#include <unordered_map>

#include "crosscheck/normalize/address.h"
#include "crosscheck/normalize/time_zone.h"

namespace crosscheck::monitor {

std::vector<EmployeeMapping> BuildEmployeeMappings(
    const std::vector<EmployeeRecord>& employees,
    const std::vector<ApplicationRecord>& applications) {
  std::unordered_map<std::string_view, const ApplicationRecord*> by_id;
  by_id.reserve(applications.size());
  for (const ApplicationRecord& application : applications) {
    by_id.emplace(application.application_id, &application);
  }
  std::vector<EmployeeMapping> mappings;
  mappings.reserve(employees.size());
  for (const EmployeeRecord& employee : employees) {
    EmployeeMapping mapping{.login = employee.login,
                            .application_id = employee.application_id,
                            .company_id = employee.company_id};
    const auto found = by_id.find(employee.application_id);
    if (found != by_id.end()) {
      mapping.residence_country = normalize::NormalizeCountry(found->second->country);
      mapping.residence_region = found->second->region;
      if (!mapping.residence_country.empty()) {
        mapping.time_zone =
            normalize::DefaultTimeZoneForRegion(mapping.residence_country, mapping.residence_region);
      }
    }
    mappings.push_back(std::move(mapping));
  }
  return mappings;
}

}  // namespace crosscheck::monitor
