// crosscheck monitor: post-hire monitoring of Okta System Log sign-ins (issue 6). Reads the
// sign-ins as a stream (optionally following a growing file or stdin), writes the alerts to
// OUT/alerts.jsonl (as they are raised with --follow; else the whole file at the end) and the
// per-account verdicts to OUT/accounts.csv.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/cli/commands/exit_codes.h"
#include "crosscheck/common/output_file.h"
#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/ingest/header_mapping.h"
#include "crosscheck/ingest/employee_reader.h"
#include "crosscheck/ingest/ip_ranges_reader.h"
#include "crosscheck/ingest/signin_reader.h"
#include "crosscheck/monitor/employee_map.h"
#include "crosscheck/monitor/monitor_output.h"
#include "crosscheck/monitor/session_analyzer.h"
#include "crosscheck/monitor/signin_stream.h"
#include "crosscheck/normalize/ip_intel.h"

namespace crosscheck::cli {
namespace {

struct MonitorFlags {
  std::string signins;
  std::string employees;
  std::string applications;
  std::string columns;
  std::vector<std::string> mmdb;
  std::string ip_ranges;
  bool follow = false;
  std::string out;
};

// Polling interval of --follow: alerts must leave within a second of their event.
constexpr auto kFollowPoll = std::chrono::milliseconds(200);

// PrintIssues prints the issues after the first *printed and advances *printed.
void PrintIssues(const IssueLog& issues, std::size_t* printed) {
  for (; *printed < issues.size(); ++*printed) {
    std::fprintf(stderr, "crosscheck: %s\n", issues.issues()[*printed].ToString().c_str());
  }
}

// StartsWithArray says whether a sign-in file is one JSON array (Okta's API response) rather
// than NDJSON; such a file is read whole by ingest::ReadSignins.
bool StartsWithArray(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  char byte = 0;
  while (file.get(byte)) {
    if (byte == ' ' || byte == '\t' || byte == '\r' || byte == '\n') continue;
    const auto value = static_cast<unsigned char>(byte);
    if (value == 0xEF || value == 0xBB || value == 0xBF) continue;  // a UTF-8 byte order mark
    return byte == '[';
  }
  return false;
}

Status RunMonitor(const MonitorFlags& flags) {
  IssueLog issues;
  const ingest::ReadOptions read_options;
  std::vector<EmployeeRecord> employees;
  if (!flags.employees.empty()) {
    CC_ASSIGN_OR_RETURN(employees, ingest::ReadEmployees(flags.employees, read_options, issues));
  }
  std::vector<ApplicationRecord> applications;
  if (!flags.applications.empty()) {
    ingest::ReadOptions application_options = read_options;
    if (!flags.columns.empty()) {
      CC_ASSIGN_OR_RETURN(application_options.column_map, ingest::ReadColumnMap(flags.columns));
    }
    CC_ASSIGN_OR_RETURN(applications, ingest::ReadApplications(flags.applications, application_options, issues));
  }
  normalize::IpIntel intel;
  CC_RETURN_IF_ERROR(intel.OpenDatabases(flags.mmdb));
  if (!flags.ip_ranges.empty()) {
    CC_ASSIGN_OR_RETURN(std::vector<IpRangeRow> rows,
                        ingest::ReadIpRanges(flags.ip_ranges, read_options, issues));
    intel.SetRangeTable(normalize::IpRangeTable::Build(
        rows, std::filesystem::path(flags.ip_ranges).filename().string(), issues));
  }
  std::error_code fs_error;
  std::filesystem::create_directories(flags.out, fs_error);
  if (fs_error) return InvalidInput("cannot create --out " + flags.out + ": " + fs_error.message());
  const std::filesystem::path out_dir(flags.out);
  const std::filesystem::path alerts_path = out_dir / "alerts.jsonl";
  const std::filesystem::path accounts_path = out_dir / "accounts.csv";
  // A finished run's alerts appear whole (OutputFile); a follower's alerts.jsonl is a live log
  // that others tail, so it is appended in place.
  std::optional<OutputFile> whole_alerts;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> live_alerts(nullptr, &std::fclose);
  if (flags.follow) {
    live_alerts.reset(std::fopen(alerts_path.c_str(), "w"));
    if (live_alerts == nullptr) return IoError("cannot create " + alerts_path.string() + ": " + std::strerror(errno));
  } else {
    CC_ASSIGN_OR_RETURN(OutputFile created, OutputFile::Create(alerts_path));
    whole_alerts.emplace(std::move(created));
  }
  std::FILE* alerts_file = flags.follow ? live_alerts.get() : whole_alerts->stream();

  const std::vector<monitor::EmployeeMapping> mappings =
      monitor::BuildEmployeeMappings(employees, applications);
  monitor::SessionAnalyzer analyzer(monitor::MonitorOptions{}, mappings,
                                    intel.empty() ? nullptr : &intel);
  bool dirty = false;
  auto sink = [&](const monitor::SigninAlert& alert) {
    const std::string line = monitor::AlertToJson(alert) + "\n";
    std::fwrite(line.data(), 1, line.size(), alerts_file);
    // A blocking stdin never goes idle, so a follower flushes each alert as it is raised.
    if (flags.follow) std::fflush(alerts_file);
    dirty = true;
  };
  const std::string signins_name =
      flags.signins == "-" ? "<stdin>" : std::filesystem::path(flags.signins).filename().string();
  std::int64_t events = 0;
  std::size_t issues_printed = 0;
  if (flags.signins != "-" && !flags.follow && StartsWithArray(flags.signins)) {
    CC_ASSIGN_OR_RETURN(std::vector<SigninEvent> all,
                        ingest::ReadSignins(flags.signins, read_options, issues));
    std::vector<monitor::SigninAlert> alerts;
    for (const SigninEvent& event : all) {
      alerts.clear();
      analyzer.Observe(event, alerts);
      for (const monitor::SigninAlert& alert : alerts) sink(alert);
    }
    events = static_cast<std::int64_t>(all.size());
  } else {
    CC_ASSIGN_OR_RETURN(std::unique_ptr<monitor::FileLineSource> source,
                        monitor::FileLineSource::Open(flags.signins, flags.follow));
    auto parse = [&](std::string_view line, std::int64_t line_number, SigninEvent& event) {
      return ingest::ParseSigninLineInto(line, line_number, signins_name, issues, event);
    };
    // While following, flush alerts and refresh accounts.csv whenever the input goes quiet,
    // then wait a little: each alert is on disk within kFollowPoll of its event's arrival.
    Status idle_status = Ok();
    auto idle = [&]() {
      std::fflush(alerts_file);
      PrintIssues(issues, &issues_printed);
      if (dirty) {
        idle_status = monitor::WriteAccountsCsv(accounts_path, analyzer.Accounts());
        if (!idle_status) return false;
        dirty = false;
      }
      std::this_thread::sleep_for(kFollowPoll);
      return true;
    };
    CC_ASSIGN_OR_RETURN(monitor::StreamStats stats,
                        monitor::RunSigninStream(*source, parse, analyzer, sink, idle));
    CC_RETURN_IF_ERROR(idle_status);
    events = stats.events;
  }
  PrintIssues(issues, &issues_printed);
  if (whole_alerts) {
    CC_RETURN_IF_ERROR(whole_alerts->Commit());
  } else if (std::fflush(alerts_file) != 0) {
    return IoError("cannot write " + alerts_path.string() + ": " + std::strerror(errno));
  }
  const std::vector<monitor::AccountReport> accounts = analyzer.Accounts();
  CC_RETURN_IF_ERROR(monitor::WriteAccountsCsv(accounts_path, accounts));
  std::int64_t flagged = 0;
  for (const monitor::AccountReport& account : accounts) flagged += account.score >= 50 ? 1 : 0;
  if (intel.lookup_failures() > 0) {
    std::fprintf(stderr, "crosscheck: %llu IP lookups failed; first: %s\n",
                 static_cast<unsigned long long>(intel.lookup_failures()), intel.first_failure().c_str());
  }
  std::fprintf(stderr, "monitor: %lld events, %zu accounts, %lld high or critical, %zu issues\n",
               static_cast<long long>(events), accounts.size(), static_cast<long long>(flagged),
               issues.size());
  const monitor::SessionAnalyzer::EventCounts counts = analyzer.counts();
  const std::pair<std::int64_t, const char*> skipped[] = {
      {counts.without_actor, "without an actor (not attributed to anyone)"},
      {counts.system_actor, "of Okta's system actor system@okta.com (not analysed)"},
      {counts.not_employee, "of accounts not in the employees file (never grouped with employees)"},
      {counts.without_time, "without a usable published time (no travel, hours or bursts)"}};
  for (const auto& [count, what] : skipped) {
    if (count > 0) std::fprintf(stderr, "monitor: %lld events %s\n", static_cast<long long>(count), what);
  }
  std::printf("written: %s\nwritten: %s\n", accounts_path.c_str(), alerts_path.c_str());
  return Ok();
}

}  // namespace

void RegisterMonitorCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<MonitorFlags>();
  auto* command = app.add_subcommand(
      "monitor", "Post-hire monitoring: score employees' identity-provider sign-ins (Okta System Log)");
  command->add_option("--signins", flags->signins, "Okta System Log events, NDJSON or a JSON array; - for stdin")
      ->required();
  command->add_option("--employees", flags->employees, "employees.csv (login,application_id,company_id)");
  command->add_option("--applications", flags->applications,
                      "applications.csv, for each hire's claimed residence (country, region)");
  command->add_option("--columns", flags->columns,
                      "map.csv of source_column,contract_column: names export columns the built-in ATS vocabulary does not know");
  command->add_option("--mmdb", flags->mmdb, "MaxMind DB file (City, Country, ASN, Anonymous-IP); repeatable");
  command->add_option("--ip-ranges", flags->ip_ranges, "IP ranges CSV: cidr,country,asn,as_org,kind");
  command->add_flag("--follow", flags->follow,
                    "keep reading the sign-in file as it grows (Ctrl-C to stop); alerts leave within a second");
  command->add_option("--out", flags->out, "output directory (accounts.csv, alerts.jsonl)")->required();
  command->footer(
      "Indicators (docs/INDICATORS.md): SIGNIN_ANONYMIZER, SIGNIN_FOREIGN_GEO, IMPOSSIBLE_TRAVEL,\n"
      "SIGNIN_OFF_HOURS, SHARED_SIGNIN_IP, NEW_DEVICE_BURST. Exit codes: 0 ok; 2 invalid input.");
  command->callback([flags, exit_code] {
    Status status = RunMonitor(*flags);
    *exit_code = status ? 0 : ReportError(status.error());
  });
}

}  // namespace crosscheck::cli
