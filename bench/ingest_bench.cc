// Ingest + normalize throughput (issue 2's target: 200,000 application rows/s per core).
// Generates a realistic applications.csv (unique names, e-mails, international phones,
// addresses, multi-line resumes) in a temp dir, then measures ReadApplications alone and
// ReadApplications + NormalizeApplications, in rows per second per core. The generated names
// come from a pool of 16 x 14 (repeated, as names are), while e-mails, phones and profiles are
// unique on every row: the worst case for NormalizeApplications' memory of repeated values.
// With CROSSCHECK_BENCH_APPLICATIONS=<applications.csv> (e.g. demo-out/world/applications.csv
// after `make demo`) the same two measures also run on that file, whose values repeat as
// real applications do.
//
//   CROSSCHECK_BENCH_APPLICATIONS=demo-out/world/applications.csv build/bench/ingest_bench
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "crosscheck/common/allocator_tuning.h"
#include "crosscheck/common/csv_writer.h"
#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/normalize/application_normalizer.h"

namespace {

std::uint64_t Mix(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

const char* const kGiven[] = {"James", "Maria", "Wei", "Min-jun", "Priya", "Olga", "Ahmed", "Sofia",
                              "Robert", "Yuki", "Carlos", "Aisha", "John", "Fatima", "Liam", "Chen"};
const char* const kFamily[] = {"Smith", "Garcia", "Zhang", "Kim", "Sharma", "Ivanova", "Hassan",
                               "Rossi", "Johnson", "Tanaka", "Lopez", "Okafor", "Nguyen", "Müller"};
struct PhoneShape {
  const char* country;
  const char* format;  // # = random digit
};
const PhoneShape kPhones[] = {{"US", "(415) 2##-####"}, {"US", "+1 512 3##-####"}, {"GB", "+44 7### ######"},
                              {"KR", "010-####-####"},  {"IN", "+91 98### #####"},  {"DE", "+49 151 ########"},
                              {"CN", "+86 138 #### ####"}, {"BR", "+55 11 9####-####"}};

// The generated files (60 MB for 200k rows), removed when the benchmarks end.
std::vector<std::filesystem::path>& GeneratedFiles() {
  static std::vector<std::filesystem::path> files;
  return files;
}

std::filesystem::path WriteApplications(std::size_t rows) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("crosscheck_ingest_bench_" + std::to_string(::getpid()) + "_" + std::to_string(rows) + ".csv");
  if (std::filesystem::exists(path)) return path;
  GeneratedFiles().push_back(path);
  auto writer = crosscheck::CsvWriter::Open(path);
  writer->WriteRow({"application_id", "company_id", "submitted_at", "full_name", "email", "phone", "date_of_birth",
                    "street", "city", "postal_code", "country", "ip_address", "linkedin", "resume_text",
                    "photo_hash", "device_id"});
  for (std::size_t row_idx = 0; row_idx < rows; ++row_idx) {
    const std::uint64_t seed = Mix(row_idx);
    const std::string given = kGiven[seed % std::size(kGiven)];
    const std::string family = kFamily[(seed >> 8) % std::size(kFamily)];
    const PhoneShape& shape = kPhones[(seed >> 16) % std::size(kPhones)];
    std::string phone = shape.format;
    std::uint64_t digits = Mix(seed);
    for (char& c : phone) {
      if (c == '#') {
        c = static_cast<char>('0' + digits % 10);
        digits = digits / 10 == 0 ? Mix(digits + row_idx) : digits / 10;
      }
    }
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(Mix(seed + 1)));
    writer->WriteRow({"app-" + std::to_string(row_idx), "co-" + std::to_string(seed % 5000),
                      "2025-0" + std::to_string(1 + seed % 9) + "-1" + std::to_string(seed % 10) + "T10:00:00Z",
                      (seed & 1) ? family + ", " + given : given + " " + family,
                      given + "." + family + std::to_string(row_idx) + "@gmail.com", phone,
                      "19" + std::to_string(60 + seed % 40) + "-0" + std::to_string(1 + seed % 9) + "-2" +
                          std::to_string(seed % 8),
                      std::to_string(seed % 9000 + 1) + " Elm Street Apt " + std::to_string(seed % 40),
                      "Springfield", std::to_string(10000 + seed % 89999), shape.country,
                      std::to_string(seed % 223 + 1) + "." + std::to_string((seed >> 8) % 256) + ".7." +
                          std::to_string((seed >> 16) % 256),
                      "linkedin.com/in/" + given + "-" + family + "-" + std::to_string(row_idx),
                      "Software engineer.\nSkills: C++, Python, SQL, \"distributed systems\".",
                      buffer, "dev-" + std::to_string(seed % 1000000)});
  }
  (void)writer->Close();
  return path;
}

void BM_ReadApplications(benchmark::State& state) {
  const auto path = WriteApplications(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    crosscheck::IssueLog issues;
    auto records = crosscheck::ingest::ReadApplications(path, {}, issues);
    benchmark::DoNotOptimize(records->size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// One iteration is what a scan pays for its applications: read and parse the file, normalize
// every row, and free both vectors (~30 strings per row) as they leave the loop body. Only
// the first iteration touches fresh pages; later ones reuse the pages the previous one freed
// (TuneAllocator's arena keeps them mapped), so a one-shot run costs more per row than the
// median here (docs/PERFORMANCE.md gives both).
void BM_ReadAndNormalize(benchmark::State& state) {
  const auto path = WriteApplications(static_cast<std::size_t>(state.range(0)));
  crosscheck::normalize::NormalizeContext context;
  context.threads = static_cast<std::size_t>(state.range(1));
  for (auto _ : state) {
    crosscheck::IssueLog issues;
    auto records = crosscheck::ingest::ReadApplications(path, {}, issues);
    auto normalized = crosscheck::normalize::NormalizeApplications(*records, context, &issues);
    benchmark::DoNotOptimize(normalized.size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["threads"] = static_cast<double>(state.range(1));
}

// BM_ReadAndNormalizeFile is BM_ReadAndNormalize on a given file; threads = range(0).
void BM_ReadAndNormalizeFile(benchmark::State& state, const std::filesystem::path& path) {
  crosscheck::normalize::NormalizeContext context;
  context.threads = static_cast<std::size_t>(state.range(0));
  std::size_t rows = 0;
  for (auto _ : state) {
    crosscheck::IssueLog issues;
    auto records = crosscheck::ingest::ReadApplications(path, {}, issues);
    if (!records) {
      state.SkipWithError(records.error().message().c_str());
      return;
    }
    auto normalized = crosscheck::normalize::NormalizeApplications(*records, context, &issues);
    rows = normalized.size();
    benchmark::DoNotOptimize(normalized.size());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows));
  state.counters["threads"] = static_cast<double>(state.range(0));
}

BENCHMARK(BM_ReadApplications)->Arg(200000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReadAndNormalize)->Args({200000, 1})->Args({200000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  crosscheck::TuneAllocator();  // as the CLI's main does
  benchmark::Initialize(&argc, argv);
  const char* file = std::getenv("CROSSCHECK_BENCH_APPLICATIONS");
  if (file != nullptr && *file != '\0') {
    const std::filesystem::path path(file);
    benchmark::RegisterBenchmark("BM_ReadAndNormalizeFile", BM_ReadAndNormalizeFile, path)
        ->Arg(1)
        ->Arg(2)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  for (const auto& path : GeneratedFiles()) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
  return 0;
}
