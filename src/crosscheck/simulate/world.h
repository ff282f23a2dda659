// GenerateWorld: writes a synthetic hiring world — applications from legitimate job seekers
// and from fraudulent personas run by a few operations (North Korean IT-worker schemes as
// documented publicly), the hires' accounts and their sign-ins — in the formats of
// shared/spec/DATA.md, plus truth.csv saying who is who. Deterministic for a seed; streams
// rows to disk person by person, so 10 million applications fit in bounded memory.
// docs/SIMULATION.md documents every mechanism and parameter.
//
//   WorldConfig config;
//   config.seed = 7;
//   config.scale = 0.1;
//   WorldSummary summary;
//   CC_RETURN_IF_ERROR(GenerateWorld(config, "out/world", {}, &summary));
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

#include "crosscheck/common/error.h"
#include "crosscheck/simulate/profile.h"

namespace crosscheck::simulate {

// WorldConfig sizes the world. A count left at 0 takes its default; every count (given or
// default) is then multiplied by `scale`.
struct WorldConfig {
  std::uint64_t seed = 1;
  std::int64_t companies = 0;   // default 5,000 (Okta: >5,000 companies targeted)
  std::int64_t people = 0;      // legitimate applicants; default 30,000 (~115k applications)
  std::int64_t operations = 0;  // fraudulent operations; default 7
  std::int64_t personas = 0;    // fraudulent personas; default 130 (Okta: >130 identities)
  double scale = 1.0;
  // Which world (simulate/profile.h); the default profile's world is the same for every
  // release, byte for byte.
  Profile profile = Profile::kDefault;
};

// WorldSummary counts what GenerateWorld wrote.
struct WorldSummary {
  std::int64_t companies = 0;
  std::int64_t people = 0;          // legitimate people
  std::int64_t personas = 0;        // fraudulent personas
  std::int64_t operations = 0;
  std::int64_t applications = 0;    // all rows of applications.csv
  std::int64_t fraud_applications = 0;
  std::int64_t hires = 0;           // rows of employees.csv
  std::int64_t fraud_hires = 0;
  std::int64_t signin_events = 0;
  std::int64_t ip_ranges = 0;
  std::int64_t large_households = 0;     // legitimate households of 5 or more applicants
  std::int64_t agency_applications = 0;  // rows with source agency:<name>
  std::int64_t front_applications = 0;   // of those, fraudulent (an operation's front agency)
  std::int64_t cells = 0;                // small cells among the operations
  Realism realism;                       // the rates this world was drawn with
  double seconds = 0;
};

// ProgressFn receives (phase, items done so far) now and then during a long run; may be empty.
using ProgressFn = std::function<void(std::string_view phase, std::uint64_t done)>;

// GenerateWorld writes applications.csv, employees.csv, signins.jsonl, ip_ranges.csv and
// truth.csv into out_dir (created if missing). kInvalidInput for a bad config (negative counts,
// scale <= 0 or too large) or when out_dir or a file cannot be written. When summary is not
// null it receives the counts. Not thread-safe with another call on the same out_dir.
Status GenerateWorld(const WorldConfig& config, const std::filesystem::path& out_dir,
                     const ProgressFn& progress = {}, WorldSummary* summary = nullptr);

}  // namespace crosscheck::simulate
