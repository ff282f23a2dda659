// Live scoring (serve): one new application scored in the request by serve::Resolver with a
// simulated world stored — the arrival path of `crosscheck serve` without HTTP. Each arrival is a
// stored row (chosen at random) under a new id and e-mail: someone who applied before, applying
// again. The background resolution runs as in the server (after max_staleness of arrivals, on
// the other core); CPU time is the scoring thread's own cost. After the arrivals it waits for the
// resolution and reports how often an arrival's level in the request was the resolved one.
//
//   build/bench/resolver_bench [--scale=X] [--max-neighbourhood=N] [--max-persona=N] [--results=FILE]
//   (default scale 0.25: ~32k applications; 8: ~1M)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
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
serve::ResolverOptions g_options;
std::string g_results;  // --results=FILE: each arrival's id, level and score in the request

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

// AtP99 returns the 99th percentile of sorted values.
template <class Value>
const Value& AtP99(const std::vector<Value>& sorted) {
  return sorted[std::min(sorted.size() - 1, sorted.size() * 99 / 100)];
}

// ReportSlowStages sets a counter per stage of the Score: its mean milliseconds over the slowest
// 5 % of arrivals (wall time), which is what the p99 is made of.
void ReportSlowStages(std::vector<std::pair<double, serve::Resolver::ArrivalStats>> arrivals,
                      benchmark::State& state) {
  if (arrivals.empty()) return;
  std::sort(arrivals.begin(), arrivals.end(), [](const auto& left, const auto& right) { return left.first > right.first; });
  const std::size_t slow = std::max<std::size_t>(1, arrivals.size() / 20);
  std::map<std::string, double> total;
  for (std::size_t idx = 0; idx < slow; ++idx) {
    for (const auto& [stage, seconds] : arrivals[idx].second.stage_seconds) total[stage] += seconds;
  }
  for (const auto& [stage, seconds] : total) {
    state.counters["slow5%_" + stage + "_ms"] = seconds * 1000 / static_cast<double>(slow);
  }
}

double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

void BM_ScoreOneArrival(benchmark::State& state) {
  static const std::vector<ApplicationRecord> world = WorldRecords();
  serve::Resolver resolver(std::make_shared<const pipeline::ScanContext>(), g_options);
  if (!resolver.Load(world)) state.SkipWithError("load failed");
  std::fprintf(stderr, "resolver_bench: %zu applications stored, arrivals start\n", world.size());
  std::mt19937_64 random(7);
  std::vector<double> seconds, cpu_seconds;
  std::vector<std::pair<std::string, std::string>> provisional;  // id, level given in the request
  std::vector<std::pair<double, std::size_t>> by_cost;  // CPU seconds, neighbourhood
  std::vector<std::pair<double, serve::Resolver::ArrivalStats>> stages_by_cost;  // wall seconds, stats
  std::size_t neighbourhood = 0, arrival = 0;
  std::ofstream results;
  if (!g_results.empty()) results.open(g_results);
  for (auto _ : state) {
    ApplicationRecord record = world[random() % world.size()];
    record.application_id = "arrival-" + std::to_string(arrival);
    record.email = "arrival." + std::to_string(arrival++) + "@example.net";
    IssueLog issues;
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = ThreadCpuSeconds();
    auto scored = resolver.Score({record}, issues);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    cpu_seconds.push_back(ThreadCpuSeconds() - cpu_start);
    if (!scored) {
      state.SkipWithError("score failed");
      break;
    }
    const pipeline::ApplicationResult* result = (*scored)->Find(record.application_id);
    provisional.emplace_back(record.application_id, result->level);
    if (results) results << result->application_id << ',' << result->level << ',' << result->score << '\n';
    neighbourhood += resolver.last_arrival().neighbourhood;
    by_cost.emplace_back(cpu_seconds.back(), resolver.last_arrival().neighbourhood);
    stages_by_cost.emplace_back(seconds.back(), resolver.last_arrival());
  }
  ReportSlowStages(stages_by_cost, state);
  // How often the request's level is the one the whole-store resolution gives.
  if (resolver.WaitUntilResolved(std::chrono::minutes(30))) {
    const auto resolved = resolver.snapshot();
    std::size_t same = 0;
    for (const auto& [id, level] : provisional) same += resolved->Find(id)->level == level;
    state.counters["same_level_after_resolution"] = static_cast<double>(same) / static_cast<double>(provisional.size());
  }
  std::sort(seconds.begin(), seconds.end());
  std::sort(cpu_seconds.begin(), cpu_seconds.end());
  // CPU time of the scoring thread: what the arrival costs, whatever else shares the cores.
  state.counters["median_cpu_ms"] = cpu_seconds[cpu_seconds.size() / 2] * 1000;
  state.counters["p99_cpu_ms"] = AtP99(cpu_seconds) * 1000;
  std::sort(by_cost.begin(), by_cost.end());
  // What the slow arrivals are made of: the neighbourhood of the p99 arrival and the biggest.
  state.counters["p99_neighbourhood"] = static_cast<double>(AtP99(by_cost).second);
  state.counters["max_neighbourhood"] =
      static_cast<double>(std::max_element(by_cost.begin(), by_cost.end(), [](const auto& left, const auto& right) {
                            return left.second < right.second;
                          })->second);
  state.counters["stored"] = static_cast<double>(world.size());
  state.counters["median_ms"] = seconds[seconds.size() / 2] * 1000;
  state.counters["p99_ms"] = AtP99(seconds) * 1000;
  state.counters["mean_neighbourhood"] = static_cast<double>(neighbourhood) / static_cast<double>(seconds.size());
}
BENCHMARK(BM_ScoreOneArrival)->Iterations(500)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  for (int idx = 1; idx < argc; ++idx) {
    const std::string arg = argv[idx];
    if (arg.rfind("--scale=", 0) == 0) g_scale = std::atof(arg.c_str() + 8);
    if (arg.rfind("--max-neighbourhood=", 0) == 0) g_options.max_neighbourhood = std::stoul(arg.substr(20));
    if (arg.rfind("--max-persona=", 0) == 0) g_options.max_persona = std::stoul(arg.substr(14));
    if (arg.rfind("--results=", 0) == 0) g_results = arg.substr(10);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
