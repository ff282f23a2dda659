// Linkage benchmarks (issue 4): FEBRL4 end to end, scored candidate pairs per second per
// core, incremental adds on a large index, and persona linkage of synthetic applications at
// 100k / 1M rows. Figures go to docs/PERFORMANCE.md, section "Linkage".
#include <benchmark/benchmark.h>

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "crosscheck/common/strings.h"
#include "crosscheck/link/link_index.h"
#include "crosscheck/link/linker.h"
#include "crosscheck/link/persona_link.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::link {
namespace {

LinkSource LoadCsv(const std::string& path, const std::string& name) {
  std::ifstream in(path);
  LinkSource source;
  source.name = name;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> fields = SplitString(line, ',');
    for (auto& field : fields) field = std::string(TrimAscii(field));
    if (source.header.empty()) {
      source.header = std::move(fields);
    } else {
      fields.resize(source.header.size());
      source.rows.push_back(std::move(fields));
    }
  }
  return source;
}

const std::vector<LinkSource>& Febrl() {
  static const std::vector<LinkSource> sources = {
      LoadCsv(std::string(CROSSCHECK_SHARED_DIR) + "/data/febrl/dataset4a.csv", "dataset4a.csv"),
      LoadCsv(std::string(CROSSCHECK_SHARED_DIR) + "/data/febrl/dataset4b.csv", "dataset4b.csv")};
  return sources;
}

// Syllable names: enough distinct names for millions of people, with realistic collisions.
std::string MakeName(std::mt19937_64& random, int syllables) {
  static const char* const kSyllables[] = {"ka", "ri", "mo", "len", "sa", "to", "vi", "na", "el", "dor",
                                           "mi", "an", "jo", "se", "lu", "ta", "ber", "ni", "ko", "ra",
                                           "li", "ma", "ga", "son", "fe", "do", "ha", "ru", "pe", "zan"};
  std::string name;
  for (int idx = 0; idx < syllables; ++idx) name += kSyllables[random() % std::size(kSyllables)];
  return name;
}

// SyntheticApplications: ~rows applications by rows/2.5 people with typos, swapped name
// order, changed e-mails and missing fields.
std::vector<NormalizedApplication> SyntheticApplications(std::size_t rows) {
  std::mt19937_64 random(42);
  std::vector<NormalizedApplication> apps;
  apps.reserve(rows);
  std::size_t person = 0;
  while (apps.size() < rows) {
    const std::string given = MakeName(random, 2);
    const std::string family = MakeName(random, 3);
    const CivilDate dob{1950 + static_cast<int>(random() % 50), 1 + static_cast<int>(random() % 12),
                        1 + static_cast<int>(random() % 28)};
    const std::string phone = "+1" + std::to_string(2000000000 + random() % 7000000000);
    const std::string street = std::to_string(1 + random() % 999) + " " + MakeName(random, 2) + " st";
    const std::size_t copies = 1 + random() % 4;
    for (std::size_t copy = 0; copy < copies && apps.size() < rows; ++copy) {
      NormalizedApplication app;
      app.application_id = "a" + std::to_string(apps.size());
      std::string first = given;
      if (copy > 0 && random() % 4 == 0) first.erase(1 + random() % (first.size() - 2), 1);
      app.name.full = random() % 4 == 0 ? family + " " + first : first + " " + family;
      app.email = copy > 0 && random() % 3 == 0 ? first + std::to_string(copy) + "@proton.me"
                                                : given + "." + family + "@gmail.com";
      if (random() % 5 != 0) app.phone_e164 = phone;
      if (random() % 4 != 0) app.date_of_birth = dob;
      if (random() % 3 != 0) {
        app.street = street;
        app.postal_code = std::to_string(10000 + person % 89999);
      }
      apps.push_back(std::move(app));
    }
    ++person;
  }
  return apps;
}

void BM_FebrlEndToEnd(benchmark::State& state) {
  for (auto _ : state) {
    IssueLog issues;
    auto table = BuildRecordTable(Febrl(), SchemaOptions{.id_column = "rec_id"}, issues);
    LinkOptions options;
    options.threads = static_cast<unsigned>(state.range(0));
    auto engine = LinkEngine::Run(*table, options);
    benchmark::DoNotOptimize(engine->cluster_ids().data());
    state.counters["candidate_pairs"] = static_cast<double>(engine->stats().candidate_pairs);
  }
}
BENCHMARK(BM_FebrlEndToEnd)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// Scoring only: compare + weight + TF of FEBRL's candidate pairs on one thread.
void BM_ScoreCandidatePairs(benchmark::State& state) {
  IssueLog issues;
  auto table = BuildRecordTable(Febrl(), SchemaOptions{.id_column = "rec_id"}, issues);
  auto engine = LinkEngine::Run(*table, LinkOptions{});
  const PreparedTable& prepared = engine->prepared();
  const auto candidates = GenerateCandidatePairs(prepared, engine->blocking_rules(), BlockingOptions{}, 1);
  const MatchScorer& scorer = engine->scorer();
  for (auto _ : state) {
    double sum = 0;
    for (const auto& [left, right] : candidates.pairs) {
      bool vetoed = false;
      sum += scorer.Score(left, right, &vetoed);
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * candidates.pairs.size()));
}
BENCHMARK(BM_ScoreCandidatePairs)->Unit(benchmark::kMillisecond);

// Incremental: add records to an index already holding state.range(0) applications.
void BM_LinkIndexAdd(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  const std::vector<NormalizedApplication> apps = SyntheticApplications(size + 1000);
  std::vector<NormalizedApplication> training(apps.begin(), apps.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(size, 50000)));
  LinkOptions options;
  options.explain_links = false;
  auto trained = LinkApplications(training, options);
  auto index = LinkIndex::Create(trained->engine->model(), trained->engine->blocking_rules(), options);
  const std::vector<FieldSpec>& fields = [&]() -> const std::vector<FieldSpec>& {
    static std::vector<FieldSpec> specs;
    specs.clear();
    for (const auto& field : trained->engine->model().fields) specs.push_back(field.spec);
    return specs;
  }();
  auto values_of = [&](const NormalizedApplication& app) {
    std::vector<std::string> values;
    for (const FieldSpec& field : fields) {
      if (field.name == "full_name") values.push_back(app.name.full);
      else if (field.name == "email") values.push_back(app.email);
      else if (field.name == "phone") values.push_back(app.phone_e164);
      else if (field.name == "date_of_birth") values.push_back(app.date_of_birth ? FormatDate(*app.date_of_birth) : "");
      else if (field.name == "street") values.push_back(app.street);
      else if (field.name == "postal_code") values.push_back(app.postal_code);
      else values.emplace_back();
    }
    return values;
  };
  for (std::size_t idx = 0; idx < size; ++idx) {
    (void)index->Add("apps", apps[idx].application_id, values_of(apps[idx]));
  }
  std::size_t next = size;
  for (auto _ : state) {
    if (next >= apps.size()) next = size;  // ids repeat: Add fails fast, rarely reached
    auto added = index->Add("apps", apps[next].application_id + "+" + std::to_string(state.iterations()), values_of(apps[next]));
    benchmark::DoNotOptimize(added);
    ++next;
  }
}
BENCHMARK(BM_LinkIndexAdd)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMicrosecond)->Iterations(2000);

void BM_LinkApplications(benchmark::State& state) {
  const std::vector<NormalizedApplication> apps = SyntheticApplications(static_cast<std::size_t>(state.range(0)));
  LinkOptions options;
  options.explain_links = false;
  for (auto _ : state) {
    auto result = LinkApplications(apps, options);
    benchmark::DoNotOptimize(result->persona_ids.data());
    const LinkStats& stats = result->engine->stats();
    state.counters["candidate_pairs"] = static_cast<double>(stats.candidate_pairs);
    state.counters["prepare_s"] = stats.prepare_seconds;
    state.counters["blocking_s"] = stats.blocking_seconds;
    state.counters["training_s"] = stats.training_seconds;
    state.counters["scoring_s"] = stats.scoring_seconds;
    state.counters["clustering_s"] = stats.clustering_seconds;
  }
}
BENCHMARK(BM_LinkApplications)->Arg(100000)->Arg(1000000)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

}  // namespace
}  // namespace crosscheck::link

BENCHMARK_MAIN();
