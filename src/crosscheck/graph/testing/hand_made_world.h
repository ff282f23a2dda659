// HandMadeWorld: hand-made applications with their records and persona ids — the input the
// network and scoring engines take — for tests that build a case field by field.
//
//   HandMadeWorld world;
//   world.Add("R0", "co1-0", "co1", 1'700'000'000, "kevin marsh").device_id = "dev-77";
//   graph::BuildNetworks(world.applications, world.records, world.personas, {});
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "crosscheck/common/model.h"

namespace crosscheck::graph::testing {

struct HandMadeWorld {
  std::vector<NormalizedApplication> applications;
  std::vector<ApplicationRecord> records;
  std::vector<std::string> personas;

  // Add appends an application of `persona` (index, ids, time and name set; the rest for the
  // caller) with its record, and returns it.
  NormalizedApplication& Add(const std::string& persona, std::string application_id, std::string company,
                             std::int64_t submitted_at, std::string full_name) {
    NormalizedApplication application;
    application.index = applications.size();
    application.application_id = std::move(application_id);
    application.company_id = std::move(company);
    application.submitted_at = submitted_at;
    application.name.full = std::move(full_name);
    ApplicationRecord record;
    record.application_id = application.application_id;
    record.full_name = application.name.full;
    records.push_back(std::move(record));
    personas.push_back(persona);
    applications.push_back(std::move(application));
    return applications.back();
  }
};

}  // namespace crosscheck::graph::testing
