// Phone normalization cost per new (uncached) number: the RE2 fast path, libphonenumber, and
// NormalizePhone end to end, on 1 and 2 threads. Inputs are distinct numbers from a dozen
// countries in the formats applicants type.
//
//   build/bench/phone_bench   # items_per_second sums all threads
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "crosscheck/normalize/internal/phone_parse.h"
#include "crosscheck/normalize/phone.h"

namespace {

namespace normalize = crosscheck::normalize;

struct PhoneInput {
  std::string text;
  std::string region;
};

// Templates: 'N' is a random digit; region is the applicant's country.
struct PhoneTemplate {
  const char* pattern;
  const char* region;
};
constexpr PhoneTemplate kTemplates[] = {
    {"(650) 2NN-NNNN", "US"},   {"+1 212 5NN NNNN", "US"},  {"415.8NN.NNNN x12", "US"},
    {"416 5NN NNNN", "CA"},     {"+1 604 5NN NNNN", "US"},  {"07400 NNNNNN", "GB"},
    {"+44 20 7946 NNNN", "US"}, {"+91 98NNN NNNNN", "IN"},  {"098NNN NNNNN", "IN"},
    {"010-NNNN-NNNN", "KR"},    {"02-3NN-NNNN", "KR"},      {"138 NNNN NNNN", "CN"},
    {"0151 NNNNNNNN", "DE"},    {"030 NNNNNN", "DE"},       {"(11) 9NNNN-NNNN", "BR"},
    {"0917 NNN NNNN", "PH"},    {"+7 9NN NNN-NN-NN", "RU"}, {"8 (495) NNN-NN-NN", "RU"},
    {"0803 NNN NNNN", "NG"},    {"050 NNN NN NN", "UA"},    {"06 NN NN NN NN", "FR"},
    {"090-NNNN-NNNN", "JP"},    {"04NN NNN NNN", "AU"},     {"55 NNNN NNNN", "MX"},
};

std::vector<PhoneInput> MakeInputs(std::size_t count, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::vector<PhoneInput> inputs;
  inputs.reserve(count);
  for (std::size_t index = 0; index < count; ++index) {
    const PhoneTemplate& pattern = kTemplates[index % std::size(kTemplates)];
    std::string text;
    for (const char* c = pattern.pattern; *c != '\0'; ++c) {
      text.push_back(*c == 'N' ? static_cast<char>('0' + rng() % 10) : *c);
    }
    inputs.push_back({std::move(text), pattern.region});
  }
  return inputs;
}

// Enough distinct inputs that NormalizePhone's per-thread cache (65536 entries) never hits.
const std::vector<PhoneInput>& Inputs() {
  static const std::vector<PhoneInput> inputs = MakeInputs(200000, 7);
  return inputs;
}

void BM_PhoneFastPath(benchmark::State& state) {
  const std::vector<PhoneInput>& inputs = Inputs();
  std::size_t index = static_cast<std::size_t>(state.thread_index()) * 7919;
  std::size_t answered = 0;
  for (auto _ : state) {
    const PhoneInput& input = inputs[index++ % inputs.size()];
    auto parsed = normalize::internal::ParsePhoneFast(input.text, input.region);
    answered += parsed.has_value();
    benchmark::DoNotOptimize(parsed);
  }
  state.counters["answered"] = benchmark::Counter(
      static_cast<double>(answered) / static_cast<double>(state.iterations()),
      benchmark::Counter::kAvgThreads);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_PhoneFastPath)->Threads(1)->Threads(2)->UseRealTime();

void BM_PhoneLibphonenumber(benchmark::State& state) {
  const std::vector<PhoneInput>& inputs = Inputs();
  std::size_t index = static_cast<std::size_t>(state.thread_index()) * 7919;
  for (auto _ : state) {
    const PhoneInput& input = inputs[index++ % inputs.size()];
    auto parsed = normalize::internal::ParsePhoneWithLibphonenumber(input.text, input.region);
    benchmark::DoNotOptimize(parsed);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_PhoneLibphonenumber)->Threads(1)->Threads(2)->UseRealTime();

// NormalizePhone on numbers it has not seen: cache miss + fast path + cache insert.
void BM_NormalizePhoneUncached(benchmark::State& state) {
  const std::vector<PhoneInput>& inputs = Inputs();
  std::size_t index = static_cast<std::size_t>(state.thread_index()) * 7919;
  for (auto _ : state) {
    const PhoneInput& input = inputs[index++ % inputs.size()];
    auto phone = normalize::NormalizePhone(input.text, input.region, "");
    benchmark::DoNotOptimize(phone);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_NormalizePhoneUncached)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
