// Consortium encoding (share): applications encoded per second on one core, and the parts of
// that cost (the resume MinHash signature, the HMAC tokens and name keys). Run on a simulated
// world at scale 0.25 (~32k applications), read and normalized once outside the timing.
//
//   build/bench/share_bench
#include <benchmark/benchmark.h>

#include <filesystem>
#include <unistd.h>

#include "crosscheck/graph/evidence_edge.h"
#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/normalize/application_normalizer.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/simulate/world.h"

namespace {

using namespace crosscheck;

struct World {
  std::vector<ApplicationRecord> records;
  std::vector<NormalizedApplication> normalized;
};

const World& TheWorld() {
  static const World world = [] {
    World out;
    const auto dir = std::filesystem::temp_directory_path() / ("crosscheck_share_bench_" + std::to_string(::getpid()));
    simulate::WorldConfig config;
    config.seed = 7;
    config.scale = 0.25;
    simulate::WorldSummary summary;
    (void)simulate::GenerateWorld(config, dir, {}, &summary);
    IssueLog issues;
    auto records = ingest::ReadApplications(dir / "applications.csv", ingest::ReadOptions{}, issues);
    std::filesystem::remove_all(dir);
    out.records = std::move(*records);
    out.normalized = normalize::NormalizeApplications(out.records, normalize::NormalizeContext{}, &issues);
    return out;
  }();
  return world;
}

share::ConsortiumKey Key() {
  share::ConsortiumKey key;
  for (std::size_t idx = 0; idx < key.bytes.size(); ++idx) key.bytes[idx] = static_cast<std::uint8_t>(idx);
  return key;
}

void BM_EncodeApplication(benchmark::State& state) {
  const World& world = TheWorld();
  const share::SubmissionEncoder encoder(Key(), "bench");
  std::size_t idx = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(encoder.Encode(world.normalized[idx], world.records[idx]));
    idx = (idx + 1) % world.records.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_EncodeApplication);

void BM_ResumeSignature(benchmark::State& state) {
  const World& world = TheWorld();
  std::size_t idx = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(graph::ResumeSignature(world.normalized[idx], world.records[idx], graph::EvidenceOptions{}));
    idx = (idx + 1) % world.records.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ResumeSignature);

void BM_NameKeys(benchmark::State& state) {
  const World& world = TheWorld();
  const share::SubmissionEncoder encoder(Key(), "bench");
  // Name keys need the record's tokens and photo bands: the records are encoded once, untimed.
  static const std::vector<share::ConsortiumRecord> encoded = [&] {
    std::vector<share::ConsortiumRecord> out;
    for (std::size_t idx = 0; idx < world.records.size(); ++idx) {
      out.push_back(encoder.Encode(world.normalized[idx], world.records[idx]));
    }
    return out;
  }();
  std::size_t idx = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(encoder.LabelledNameKeys(world.normalized[idx], encoded[idx]));
    idx = (idx + 1) % world.records.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_NameKeys);

}  // namespace

BENCHMARK_MAIN();
