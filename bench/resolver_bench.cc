// Live scoring (serve): one new application scored in the request by serve::Resolver with a
// simulated world stored — the arrival path of `crosscheck serve` without HTTP. Each arrival is a
// stored row (chosen at random) under a new id and e-mail: someone who applied before, applying
// again. The background resolution is left idle (Load resolved the world; the arrivals are timed
// before it could finish a whole-store scan), so the figure is the request's own cost.
//
//   build/bench/resolver_bench [--scale=X]      (default 0.25: ~32k applications)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <unistd.h>

#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/pipeline/scan_applications.h"
#include "crosscheck/serve/resolver.h"
#include "crosscheck/simulate/world.h"

namespace {

using namespace crosscheck;

double g_scale = 0.25;

std::vector<ApplicationRecord> WorldRecords() {
  const auto dir = std::filesystem::temp_directory_path() / ("crosscheck_resolver_bench_" + std::to_string(::getpid()));
  simulate::WorldConfig config;
  config.seed = 7;
  config.scale = g_scale;
  simulate::WorldSummary summary;
  (void)simulate::GenerateWorld(config, dir, {}, &summary);
  IssueLog issues;
  auto records = ingest::ReadApplications(dir / "applications.csv", ingest::ReadOptions{}, issues);
  std::filesystem::remove_all(dir);
  return std::move(*records);
}

void BM_ScoreOneArrival(benchmark::State& state) {
  static const std::vector<ApplicationRecord> world = WorldRecords();
  serve::Resolver resolver(std::make_shared<const pipeline::ScanContext>());
  if (!resolver.Load(world)) state.SkipWithError("load failed");
  std::mt19937_64 random(7);
  std::vector<double> seconds;
  std::size_t neighbourhood = 0, arrival = 0;
  for (auto _ : state) {
    ApplicationRecord record = world[random() % world.size()];
    record.application_id = "arrival-" + std::to_string(arrival);
    record.email = "arrival." + std::to_string(arrival++) + "@example.net";
    IssueLog issues;
    const auto start = std::chrono::steady_clock::now();
    auto scored = resolver.Score({record}, issues);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (!scored) state.SkipWithError("score failed");
    neighbourhood += resolver.last_arrival().neighbourhood;
  }
  std::sort(seconds.begin(), seconds.end());
  state.counters["stored"] = static_cast<double>(world.size());
  state.counters["median_ms"] = seconds[seconds.size() / 2] * 1000;
  state.counters["p99_ms"] = seconds[std::min(seconds.size() - 1, seconds.size() * 99 / 100)] * 1000;
  state.counters["mean_neighbourhood"] = static_cast<double>(neighbourhood) / static_cast<double>(seconds.size());
}
BENCHMARK(BM_ScoreOneArrival)->Iterations(200)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  for (int idx = 1; idx < argc; ++idx) {
    const std::string arg = argv[idx];
    if (arg.rfind("--scale=", 0) == 0) g_scale = std::atof(arg.c_str() + 8);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
