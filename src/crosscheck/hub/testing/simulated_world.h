// Test helpers of the hub's units: a consortium key made of counting bytes, and a simulated
// world's applications with the truth of which are fraudulent.
//
//   Result<hub::test_world::SimulatedWorld> world = hub::test_world::SimulateWorld(7, 0.04, "my_test");
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/common/testing/test_dir.h"
#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/share/key_file.h"
#include "crosscheck/simulate/world.h"

namespace crosscheck::hub::test_world {

// CountingKey returns the key whose byte i is i + offset.
inline share::ConsortiumKey CountingKey(std::uint8_t offset) {
  share::ConsortiumKey key;
  for (std::size_t idx = 0; idx < share::kKeyBytes; ++idx) key.bytes[idx] = static_cast<std::uint8_t>(idx + offset);
  return key;
}

// HandMadeRecord returns an application as the hub's tests write one by hand: these contact
// values, submitted 2026-11-10 10:00 UTC, claimed country US, at the interview stage.
inline ApplicationRecord HandMadeRecord(std::string company, std::string application_id, std::string name,
                                        std::string email, std::string phone, std::string device,
                                        std::string payout) {
  ApplicationRecord record;
  record.line = 2;
  record.application_id = std::move(application_id);
  record.company_id = std::move(company);
  record.submitted_at = "2026-11-10T10:00:00Z";
  record.full_name = std::move(name);
  record.email = std::move(email);
  record.phone = std::move(phone);
  record.device_id = std::move(device);
  record.payout_account = std::move(payout);
  record.country = "US";
  record.stage = "interview";
  return record;
}

// SimulatedWorld is a simulated world's applications.csv as read, and truth.csv's is_fraud by
// application id.
struct SimulatedWorld {
  simulate::WorldSummary summary;
  std::vector<ApplicationRecord> records;
  std::unordered_map<std::string, bool> fraud_of;
};

// SimulateWorld generates `profile`'s world at `seed` and `scale` in a scratch directory
// `name`, reads it and removes the files. Errors: those of GenerateWorld and ReadApplications.
inline Result<SimulatedWorld> SimulateWorld(std::uint64_t seed, double scale, const std::string& name,
                                            simulate::Profile profile = simulate::Profile::kDefault) {
  const std::filesystem::path dir = test::FreshTestDir(name);
  simulate::WorldConfig config;
  config.seed = seed;
  config.scale = scale;
  config.profile = profile;
  SimulatedWorld world;
  CC_RETURN_IF_ERROR(simulate::GenerateWorld(config, dir, {}, &world.summary));
  // truth.csv: application_id,person_id,operation_id,is_fraud.
  std::ifstream truth(dir / "truth.csv");
  std::string line;
  std::getline(truth, line);
  while (std::getline(truth, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    world.fraud_of[line.substr(0, line.find(','))] = !line.empty() && line.back() == '1';
  }
  IssueLog issues;
  auto records = ingest::ReadApplications(dir / "applications.csv", ingest::ReadOptions{}, issues);
  std::filesystem::remove_all(dir);
  if (!records) return std::unexpected(records.error());
  world.records = std::move(*records);
  return world;
}

}  // namespace crosscheck::hub::test_world
