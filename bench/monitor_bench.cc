// Post-hire monitoring throughput (issue 6): Okta System Log events parsed (ingest's
// ParseSigninLine / ParseSigninLineInto / ReadSignins) and analysed (monitor's
// SessionAnalyzer), single-threaded.
// The target is 500,000 events per second per core parsed AND analysed. Figures go to
// docs/PERFORMANCE.md, "Post-hire monitoring".
//
// The events are generated in memory in the shape of the real exports in shared/data/okta
// (the full Okta envelope: actor, authenticationContext, client, debugContext, request.ipChain,
// securityContext, transaction; ~1.5 KB each), for 5,000 accounts of 500 companies over 30
// days: most sign in from one or two home addresses in their claimed US state, a few percent
// are remote workers who are not where they claim (VPN exits, foreign sign-ins at night, a
// laptop farm sharing addresses).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/ingest/signin_reader.h"
#include "crosscheck/monitor/employee_map.h"
#include "crosscheck/monitor/session_analyzer.h"
#include "crosscheck/normalize/ip_intel.h"
#include "crosscheck/source_paths.h"

namespace {

using crosscheck::IssueLog;
using crosscheck::SigninEvent;
using crosscheck::monitor::EmployeeMapping;
using crosscheck::monitor::SessionAnalyzer;
using crosscheck::monitor::SigninAlert;

constexpr std::size_t kAccounts = 5000;
constexpr std::size_t kCompanies = 500;
constexpr std::size_t kEvents = 100000;
constexpr std::int64_t kStartUnix = 1717200000;  // 2024-06-01T00:00:00Z
constexpr std::int64_t kSpanSeconds = 30 * 86400;

struct Place {
  const char* city;
  const char* state;
  const char* country;  // as Okta writes it: the English name
  const char* region;   // claimed residence region
  const char* zone;
  double latitude;
  double longitude;
};

constexpr std::array<Place, 6> kHomes = {{
    {"Chicago", "Illinois", "United States", "IL", "America/Chicago", 41.8781, -87.6298},
    {"Austin", "Texas", "United States", "TX", "America/Chicago", 30.2672, -97.7431},
    {"Seattle", "Washington", "United States", "WA", "America/Los_Angeles", 47.6062, -122.3321},
    {"Brooklyn", "New York", "United States", "NY", "America/New_York", 40.6782, -73.9442},
    {"Denver", "Colorado", "United States", "CO", "America/Denver", 39.7392, -104.9903},
    {"Atlanta", "Georgia", "United States", "GA", "America/New_York", 33.7490, -84.3880},
}};
constexpr std::array<Place, 3> kAway = {{
    {"Shenyang", "Liaoning", "China", "", "Asia/Shanghai", 41.8057, 123.4315},
    {"Vladivostok", "Primorsky Krai", "Russia", "", "Asia/Vladivostok", 43.1198, 131.8869},
    {"Dandong", "Liaoning", "China", "", "Asia/Shanghai", 40.1290, 124.3947},
}};
constexpr std::array<const char*, 5> kUserAgents = {
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/125.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
    "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
};
constexpr std::array<const char*, 5> kEventTypes = {
    "user.session.start", "user.authentication.sso", "user.authentication.verify",
    "user.authentication.auth_via_mfa", "user.session.end"};

struct Persona {
  std::string login;
  std::string user_id;
  const Place* home;
  bool remote_fraud;  // claims a US home, works from abroad through VPNs and a laptop farm
  std::string home_ip;
  std::string device;
};

struct World {
  std::vector<Persona> personas;
  std::vector<EmployeeMapping> employees;
  std::vector<std::string> lines;  // NDJSON, in published order
  std::size_t bytes = 0;
};

std::string RandomToken(std::mt19937_64& random, std::size_t length) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string token(length, 'x');
  for (char& c : token) c = kAlphabet[random() % kAlphabet.size()];
  return token;
}

std::string Ipv4(std::uint32_t value) {
  char text[20];
  std::snprintf(text, sizeof(text), "%u.%u.%u.%u", (value >> 24) & 255, (value >> 16) & 255,
                (value >> 8) & 255, value & 255);
  return text;
}

std::string IsoTime(std::int64_t unix_seconds, int millis) {
  const std::int64_t days = unix_seconds / 86400;
  const std::int64_t in_day = unix_seconds % 86400;
  // Civil from days (Howard Hinnant's algorithm).
  const std::int64_t z = days + 719468;
  const std::int64_t era = z / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char text[96];
  std::snprintf(text, sizeof(text), "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03dZ",
                static_cast<long long>(year), static_cast<long long>(month),
                static_cast<long long>(day), static_cast<long long>(in_day / 3600),
                static_cast<long long>(in_day / 60 % 60), static_cast<long long>(in_day % 60),
                millis);
  return text;
}

// OktaEvent writes one event in the key order and shape of Okta's System Log API.
std::string OktaEvent(std::mt19937_64& random, const Persona& persona, std::int64_t when,
                      const Place& place, const std::string& ip, const std::string& user_agent,
                      bool proxy, const char* as_org, int as_number, bool failed,
                      const std::string& fingerprint) {
  const std::string request_id = RandomToken(random, 27);
  const std::string session = "102" + RandomToken(random, 22);
  const char* event_type = kEventTypes[random() % kEventTypes.size()];
  char geo[400];
  std::snprintf(geo, sizeof(geo),
                R"({"city":"%s","country":"%s","geolocation":{"lat":%.4f,"lon":%.4f},)"
                R"("postalCode":"%05d","state":"%s"})",
                place.city, place.country, place.latitude, place.longitude,
                static_cast<int>(random() % 99999), place.state);
  std::string line;
  line.reserve(1800);
  line += R"({"actor":{"alternateId":")" + persona.login +
          R"(","detailEntry":null,"displayName":"Employee","id":")" + persona.user_id +
          R"(","type":"User"},)";
  line += R"("authenticationContext":{"authenticationProvider":null,"authenticationStep":0,)"
          R"("credentialProvider":null,"credentialType":null,"externalSessionId":")" +
          session + R"(","interface":null,"issuer":null},)";
  line += R"("client":{"device":"Computer","geographicalContext":)" + std::string(geo) +
          R"(,"id":null,"ipAddress":")" + ip +
          R"(","userAgent":{"browser":"CHROME","os":"Mac OS X","rawUserAgent":")" + user_agent +
          R"("},"zone":"null"},)";
  // Okta adds its behaviour and risk verdicts to session starts.
  const bool session_start = std::string_view(event_type) == "user.session.start";
  line += R"("debugContext":{"debugData":{"authnRequestId":")" + RandomToken(random, 27) + "\"," +
          (session_start
               ? R"("behaviors":"{New Geo-Location=NEGATIVE, New Device=NEGATIVE, New IP=NEGATIVE, )"
                 R"(New State=NEGATIVE, New Country=NEGATIVE, New City=NEGATIVE}","risk":"{level=LOW}",)"
               : "") +
          (fingerprint.empty() ? std::string() : R"("deviceFingerprint":")" + fingerprint + R"(",)") +
          R"("requestId":")" + request_id +
          R"(","requestUri":"/idp/idx/authenticators/poll",)"
          R"("threatSuspected":"false","url":"/idp/idx/authenticators/poll?"}},)";
  line += R"("device":null,"displayMessage":"User login to Okta","eventType":")" +
          std::string(event_type) + R"(","legacyEventType":"core.user_auth.login_success",)";
  line += std::string(R"("outcome":{"reason":)") +
          (failed ? R"("VERIFICATION_ERROR","result":"FAILURE"},)" : R"(null,"result":"SUCCESS"},)");
  line += R"("published":")" + IsoTime(when, static_cast<int>(random() % 1000)) + R"(",)";
  line += R"("request":{"ipChain":[{"geographicalContext":)" + std::string(geo) + R"(,"ip":")" +
          ip + R"(","source":null,"version":"V4"}]},)";
  line += R"("securityContext":{"asNumber":)" + std::to_string(as_number) + R"(,"asOrg":")" +
          as_org + R"(","domain":"example.net","isProxy":)" + (proxy ? "true" : "false") +
          R"(,"isp":")" + as_org + R"("},)";
  line += R"("severity":"INFO","target":null,"transaction":{"detail":{},"id":")" + request_id +
          R"(","type":"WEB"},"uuid":")" + RandomToken(random, 8) + "-" + RandomToken(random, 4) +
          "-11ef-" + RandomToken(random, 4) + "-" + RandomToken(random, 12) +
          R"(","version":"0"})";
  return line;
}

const World& TheWorld() {
  static const World* world = [] {
    auto* built = new World;
    std::mt19937_64 random(20240601);
    for (std::size_t account_idx = 0; account_idx < kAccounts; ++account_idx) {
      Persona persona;
      const std::size_t company = account_idx % kCompanies;
      persona.login = "employee" + std::to_string(account_idx) + "@company" +
                      std::to_string(company) + ".example";
      persona.user_id = "00u" + RandomToken(random, 17);
      persona.home = &kHomes[random() % kHomes.size()];
      persona.remote_fraud = random() % 25 == 0;
      persona.home_ip = Ipv4(0x4B000000u + static_cast<std::uint32_t>(random() % 0x00FFFFFFu));
      persona.device = RandomToken(random, 32);
      built->employees.push_back(
          EmployeeMapping{.login = persona.login,
                          .application_id = "app-" + std::to_string(account_idx),
                          .company_id = "company" + std::to_string(company),
                          .residence_country = "US",
                          .residence_region = persona.home->region,
                          .time_zone = persona.home->zone});
      built->personas.push_back(std::move(persona));
    }
    // Sign-in times: spread over 30 days, sorted, each given to a random account.
    std::vector<std::int64_t> times(kEvents);
    for (auto& when : times) when = kStartUnix + static_cast<std::int64_t>(random() % kSpanSeconds);
    std::sort(times.begin(), times.end());
    const std::string farm_ip = "203.0.113.77";
    for (std::int64_t when : times) {
      const Persona& persona = built->personas[random() % built->personas.size()];
      const bool failed = random() % 20 == 0;
      const char* user_agent = kUserAgents[random() % 3 == 0 ? random() % kUserAgents.size() : 0];
      // Okta sends a fingerprint for most sign-ins; the laptop farm's machines are shared.
      std::string fingerprint;
      if (random() % 10 < 7) {
        fingerprint = persona.remote_fraud ? "farm-device-" + std::to_string(random() % 8)
                                           : persona.device;
      }
      if (!persona.remote_fraud) {
        built->lines.push_back(OktaEvent(random, persona, when, *persona.home, persona.home_ip,
                                         user_agent, false, "comcast", 7922, failed, fingerprint));
      } else {
        const int route = static_cast<int>(random() % 3);
        const Place& away = kAway[random() % kAway.size()];
        if (route == 0) {  // commercial VPN exit, flagged by the IdP
          built->lines.push_back(OktaEvent(random, persona, when, *persona.home,
                                           Ipv4(0x68EE0000u + static_cast<std::uint32_t>(random() % 4096)),
                                           user_agent, true, "m247 europe srl", 9009, failed,
                                           fingerprint));
        } else if (route == 1) {  // the laptop farm's address, shared by every fraud account
          built->lines.push_back(OktaEvent(random, persona, when, *persona.home, farm_ip,
                                           user_agent, false, "charter communications inc",
                                           20115, failed, fingerprint));
        } else {  // straight from abroad
          built->lines.push_back(OktaEvent(random, persona, when, away,
                                           Ipv4(0x7A000000u + static_cast<std::uint32_t>(random() % 65536)),
                                           user_agent, false, "china unicom", 4837, failed,
                                           fingerprint));
        }
      }
      built->bytes += built->lines.back().size() + 1;
    }
    return built;
  }();
  return *world;
}

const crosscheck::normalize::IpIntel& Intel() {
  static const crosscheck::normalize::IpIntel* intel = [] {
    auto* opened = new crosscheck::normalize::IpIntel;
    const auto status = opened->OpenDatabases(
        {CROSSCHECK_SHARED_DIR "/data/mmdb/GeoIP2-City-Test.mmdb",
         CROSSCHECK_SHARED_DIR "/data/mmdb/GeoIP2-Anonymous-IP-Test.mmdb"});
    if (!status) std::abort();
    return opened;
  }();
  return *intel;
}

std::vector<SigninEvent> ParsedEvents() {
  const World& world = TheWorld();
  std::vector<SigninEvent> events;
  events.reserve(world.lines.size());
  IssueLog issues;
  for (std::size_t line_idx = 0; line_idx < world.lines.size(); ++line_idx) {
    auto event = crosscheck::ingest::ParseSigninLine(
        world.lines[line_idx], static_cast<std::int64_t>(line_idx) + 1, "bench.jsonl", issues);
    if (!event) std::abort();
    events.push_back(std::move(*event));
  }
  return events;
}

void SetCounters(benchmark::State& state) {
  const World& world = TheWorld();
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(world.lines.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(world.bytes));
  state.counters["bytes_per_event"] =
      static_cast<double>(world.bytes) / static_cast<double>(world.lines.size());
}

// (a) Parse only: one line at a time, as `monitor --follow` reads a growing file.
void BM_ParseSigninLine(benchmark::State& state) {
  const World& world = TheWorld();
  for (auto _ : state) {
    IssueLog issues;
    std::int64_t line_number = 0;
    for (const std::string& line : world.lines) {
      auto event = crosscheck::ingest::ParseSigninLine(line, ++line_number, "bench.jsonl", issues);
      benchmark::DoNotOptimize(event);
    }
    if (!issues.empty()) state.SkipWithError("unexpected issues");
  }
  SetCounters(state);
}
BENCHMARK(BM_ParseSigninLine)->Unit(benchmark::kMillisecond);

// (a2) Parse only, into one reused SigninEvent (ParseSigninLineInto), as a streaming reader
// does: no allocation per line once the event's strings have grown.
void BM_ParseSigninLineInto(benchmark::State& state) {
  const World& world = TheWorld();
  for (auto _ : state) {
    IssueLog issues;
    SigninEvent event;
    std::int64_t line_number = 0;
    for (const std::string& line : world.lines) {
      const bool parsed = crosscheck::ingest::ParseSigninLineInto(line, ++line_number, "bench.jsonl", issues, event);
      benchmark::DoNotOptimize(parsed);
      benchmark::DoNotOptimize(event);
    }
    if (!issues.empty()) state.SkipWithError("unexpected issues");
  }
  SetCounters(state);
}
BENCHMARK(BM_ParseSigninLineInto)->Unit(benchmark::kMillisecond);

// (a') Parse only, a whole NDJSON file through ReadSignins (read in chunks, kept in memory).
void BM_ReadSigninsFile(benchmark::State& state) {
  const World& world = TheWorld();
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("monitor_bench_" + std::to_string(getpid()) + ".jsonl");
  {
    std::ofstream out(path, std::ios::binary);
    for (const std::string& line : world.lines) out << line << '\n';
  }
  for (auto _ : state) {
    IssueLog issues;
    auto events = crosscheck::ingest::ReadSignins(path, {}, issues);
    if (!events || events->size() != world.lines.size()) state.SkipWithError("read failed");
    benchmark::DoNotOptimize(events);
  }
  std::filesystem::remove(path);
  SetCounters(state);
}
BENCHMARK(BM_ReadSigninsFile)->Unit(benchmark::kMillisecond);

// (b) Analyse only: events already parsed, a fresh analyzer per iteration (5,000 accounts,
// 20 events each, so account set-up and time zone look-ups are part of the figure).
void BM_AnalyseSignins(benchmark::State& state) {
  const std::vector<SigninEvent> events = ParsedEvents();
  const World& world = TheWorld();
  std::size_t alert_count = 0;
  for (auto _ : state) {
    SessionAnalyzer analyzer({}, world.employees, &Intel());
    std::vector<SigninAlert> alerts;
    for (const SigninEvent& event : events) analyzer.Observe(event, alerts);
    alert_count = alerts.size();
    benchmark::DoNotOptimize(alerts);
  }
  SetCounters(state);
  state.counters["alerts"] = static_cast<double>(alert_count);
}
BENCHMARK(BM_AnalyseSignins)->Unit(benchmark::kMillisecond);

// (c) Parse and analyse: each line parsed and handed to the analyzer, nothing kept per event.
void BM_ParseAndAnalyse(benchmark::State& state) {
  const World& world = TheWorld();
  for (auto _ : state) {
    SessionAnalyzer analyzer({}, world.employees, &Intel());
    std::vector<SigninAlert> alerts;
    IssueLog issues;
    std::int64_t line_number = 0;
    for (const std::string& line : world.lines) {
      auto event = crosscheck::ingest::ParseSigninLine(line, ++line_number, "bench.jsonl", issues);
      if (event) analyzer.Observe(*event, alerts);
    }
    benchmark::DoNotOptimize(alerts);
  }
  SetCounters(state);
}
BENCHMARK(BM_ParseAndAnalyse)->Unit(benchmark::kMillisecond);

// (c2) As (c), parsing into one reused SigninEvent: the streaming monitor's loop.
void BM_ParseIntoAndAnalyse(benchmark::State& state) {
  const World& world = TheWorld();
  for (auto _ : state) {
    SessionAnalyzer analyzer({}, world.employees, &Intel());
    std::vector<SigninAlert> alerts;
    IssueLog issues;
    SigninEvent event;
    std::int64_t line_number = 0;
    for (const std::string& line : world.lines) {
      if (crosscheck::ingest::ParseSigninLineInto(line, ++line_number, "bench.jsonl", issues, event)) {
        analyzer.Observe(event, alerts);
      }
    }
    benchmark::DoNotOptimize(alerts);
  }
  SetCounters(state);
}
BENCHMARK(BM_ParseIntoAndAnalyse)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
