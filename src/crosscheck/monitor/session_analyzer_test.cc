#include "crosscheck/monitor/session_analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "crosscheck/common/time.h"
#include "crosscheck/ingest/signin_reader.h"
#include "crosscheck/monitor/monitor_output.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::monitor {
namespace {

std::string SharedPath(const std::string& relative) {
  return std::string(CROSSCHECK_SHARED_DIR) + "/" + relative;
}

// Event builds a successful sign-in; the geo fields are the IdP's.
SigninEvent Event(const std::string& uuid, const std::string& login, const char* when,
                  const std::string& ip, const std::string& country = "",
                  std::optional<double> latitude = std::nullopt,
                  std::optional<double> longitude = std::nullopt) {
  SigninEvent event;
  event.uuid = uuid;
  event.event_type = "user.session.start";
  event.published = when;
  event.published_unix = ParseTimestamp(when);
  event.actor_login = login;
  event.ip_address = ip;
  event.geo_country = country;
  event.geo_latitude = latitude;
  event.geo_longitude = longitude;
  event.outcome_result = "SUCCESS";
  event.user_agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0";
  return event;
}

std::set<std::string> CodesFor(const MonitorReport& report, const std::string& login) {
  std::set<std::string> codes;
  for (const SigninAlert& alert : report.alerts) {
    if (alert.login == login) codes.insert(alert.code);
  }
  return codes;
}

const AccountReport* AccountOf(const MonitorReport& report, const std::string& login) {
  for (const AccountReport& account : report.accounts) {
    if (account.login == login) return &account;
  }
  return nullptr;
}

std::vector<EmployeeMapping> Staff() {
  return {
      {.login = "alice@acme.com", .application_id = "acme-1", .company_id = "acme",
       .residence_country = "US", .residence_region = "CA", .time_zone = "America/Los_Angeles"},
      {.login = "bob@initech.com", .application_id = "ini-7", .company_id = "initech",
       .residence_country = "US", .residence_region = "TX", .time_zone = "America/Chicago"},
      {.login = "carol@globex.com", .application_id = "glx-3", .company_id = "globex",
       .residence_country = "GB", .residence_region = "", .time_zone = "Europe/London"},
  };
}

TEST(SessionAnalyzer, PantherAnonymizingProxyCases) {
  // The public rule okta_anonymizing_vpn_login flags lines 8 and 9 (isProxy true) and not
  // line 7, its matching negative case. Read the real sample file through the real reader.
  std::ifstream file(SharedPath("data/okta/panther-test-events.jsonl"));
  ASSERT_TRUE(file.good());
  IssueLog issues;
  std::vector<SigninEvent> events;
  std::string line;
  for (std::int64_t line_number = 1; std::getline(file, line); ++line_number) {
    auto event = ingest::ParseSigninLine(line, line_number, "panther-test-events.jsonl", issues);
    ASSERT_TRUE(event.has_value()) << "line " << line_number;
    events.push_back(std::move(*event));
  }
  ASSERT_EQ(events.size(), 66u);
  struct Case {
    std::int64_t line;
    bool flagged;
  };
  for (const Case test : {Case{7, false}, Case{8, true}, Case{9, true}}) {
    SCOPED_TRACE("line " + std::to_string(test.line));
    SessionAnalyzer analyzer(MonitorOptions{}, {}, nullptr);
    std::vector<SigninAlert> alerts;
    analyzer.Observe(events[static_cast<std::size_t>(test.line - 1)], alerts);
    const bool flagged = std::any_of(alerts.begin(), alerts.end(), [](const SigninAlert& alert) {
      return alert.code == kSigninAnonymizer;
    });
    EXPECT_EQ(flagged, test.flagged);
    if (flagged) {
      EXPECT_EQ(alerts[0].event_uuids, std::vector<std::string>{"AbC-123-XyZ"});
    }
  }
  // Over the whole file, only those two events carry isProxy true.
  std::vector<SigninAlert> alerts;
  SessionAnalyzer analyzer(MonitorOptions{}, {}, nullptr);
  std::int64_t anonymizer_lines = 0;
  for (const SigninEvent& event : events) {
    alerts.clear();
    analyzer.Observe(event, alerts);
    for (const SigninAlert& alert : alerts) {
      if (alert.code == kSigninAnonymizer) {
        ++anonymizer_lines;
        EXPECT_TRUE(event.line == 8 || event.line == 9) << event.line;
      }
    }
  }
  EXPECT_GE(anonymizer_lines, 1);  // 8 and 9 share an IP: one alert per account and IP
}

TEST(SessionAnalyzer, EveryOktaSampleIsAnalysedWithoutAlertsFromNothing) {
  // The elastic samples are ordinary sign-ins: no proxy, no employees file, one IP per account.
  for (const char* name : {"data/okta/elastic-system-events.jsonl", "data/okta/elastic-sample-logs.jsonl"}) {
    SCOPED_TRACE(name);
    std::ifstream file(SharedPath(name));
    IssueLog issues;
    std::vector<SigninEvent> events;
    std::string line;
    for (std::int64_t number = 1; std::getline(file, line); ++number) {
      if (auto event = ingest::ParseSigninLine(line, number, name, issues)) events.push_back(*event);
    }
    EXPECT_TRUE(issues.empty());
    const MonitorReport report = AnalyzeSignins(events, {}, nullptr);
    EXPECT_FALSE(report.accounts.empty());
    for (const SigninAlert& alert : report.alerts) {
      EXPECT_NE(alert.code, kSigninAnonymizer) << alert.message;
    }
  }
}

TEST(SessionAnalyzer, ForeignGeoComparesWithClaimedResidence) {
  struct Case {
    const char* name;
    const char* login;
    const char* idp_country;
    bool flagged;
  };
  const Case cases[] = {
      {"home country by name", "alice@acme.com", "United States", false},
      {"abroad", "alice@acme.com", "China", true},
      {"abroad by code", "carol@globex.com", "RU", true},
      {"unknown residence", "dave@elsewhere.com", "China", false},
      {"unknown geo", "alice@acme.com", "", false},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    const MonitorReport report = AnalyzeSignins(
        {Event("e1", test.login, "2024-05-01T16:00:00Z", "203.0.113.50", test.idp_country)}, Staff(),
        nullptr);
    EXPECT_EQ(CodesFor(report, test.login).contains(kSigninForeignGeo), test.flagged);
  }
}

TEST(SessionAnalyzer, ImpossibleTravelUsesSpeedBound) {
  struct Case {
    const char* name;
    const char* second_time;
    double latitude;
    double longitude;
    bool flagged;
  };
  // From Los Angeles (34.05, -118.24).
  const Case cases[] = {
      {"Seoul one hour later", "2024-05-01T17:00:00Z", 37.57, 126.98, true},        // ~9,600 km/h
      {"Seoul fourteen hours later", "2024-05-02T06:00:00Z", 37.57, 126.98, false},  // ~690 km/h
      {"San Francisco one hour later", "2024-05-01T17:00:00Z", 37.77, -122.42, false},  // 560 km/h
      // Distances count beyond 100 km of IP geolocation error, with no cliff: 50 km at once is
      // a jump, 45 km at once is not; within a minute the bound is 100 + 1000/60 ~ 117 km.
      {"same instant 150 km away", "2024-05-01T16:00:00Z", 33.0, -117.2, true},
      {"same instant 45 km away", "2024-05-01T16:00:00Z", 34.45, -118.24, false},
      {"150 km in five minutes", "2024-05-01T16:05:00Z", 33.0, -117.2, false},  // 600 km/h
      {"110 km in one minute", "2024-05-01T16:01:00Z", 35.039, -118.24, false},
      {"125 km in one minute", "2024-05-01T16:01:00Z", 35.174, -118.24, true},
      {"same instant New York", "2024-05-01T16:00:00Z", 40.71, -74.0, true},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    const MonitorReport report = AnalyzeSignins(
        {Event("a", "alice@acme.com", "2024-05-01T16:00:00Z", "198.51.100.1", "", 34.05, -118.24),
         Event("b", "alice@acme.com", test.second_time, "198.51.100.2", "", test.latitude, test.longitude)},
        Staff(), nullptr);
    const bool flagged = CodesFor(report, "alice@acme.com").contains(kImpossibleTravel);
    EXPECT_EQ(flagged, test.flagged);
    if (flagged) {
      const SigninAlert& alert = report.alerts.back();
      EXPECT_EQ(alert.event_uuids, (std::vector<std::string>{"a", "b"}));
      EXPECT_EQ(alert.ips, (std::vector<std::string>{"198.51.100.1", "198.51.100.2"}));
      ASSERT_GE(alert.measures.size(), 4u);
      EXPECT_EQ(alert.measures[3].second, 1000.0);
    }
  }
}

TEST(SessionAnalyzer, OffHoursNeedsEnoughEventsAndAForeignWorkingDay) {
  struct Case {
    const char* name;
    int events;
    int utc_hour;  // every sign-in at this UTC hour, one per day
    bool flagged;
  };
  // Alice claims Los Angeles (UTC-7 in May). 03:00 UTC is 20:00 in Los Angeles and 12:00 in
  // Seoul; 17:00 UTC is 10:00 in Los Angeles.
  const Case cases[] = {
      {"Korean working day, enough events", 25, 3, true},
      {"Korean working day, too few events", 10, 3, false},
      {"Californian working day", 25, 17, false},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    std::vector<SigninEvent> events;
    for (int day = 0; day < test.events; ++day) {
      const std::int64_t at = *ParseTimestamp("2024-05-01T00:00:00Z") + day * 86400 + test.utc_hour * 3600;
      SigninEvent event = Event("e" + std::to_string(day), "alice@acme.com", "", "198.51.100.1");
      event.published_unix = at;
      events.push_back(event);
    }
    const MonitorReport report = AnalyzeSignins(events, Staff(), nullptr);
    EXPECT_EQ(CodesFor(report, "alice@acme.com").contains(kSigninOffHours), test.flagged);
    for (const SigninAlert& alert : report.alerts) {
      if (alert.code != kSigninOffHours) continue;
      // 03:00 UTC falls in a 08:00-18:00 day for offsets +5..+14; the first (+5) is reported,
      // and the measures carry the share compared with the bound.
      EXPECT_NE(alert.message.find("America/Los_Angeles"), std::string::npos) << alert.message;
      EXPECT_EQ(alert.measures[1].first, "off_hours_share");
      EXPECT_DOUBLE_EQ(alert.measures[1].second, 1.0);
    }
  }
}

TEST(SessionAnalyzer, SharedIpAcrossCompanies) {
  struct Case {
    const char* name;
    std::vector<std::string> logins;
    const char* ip;
    bool flagged;
    bool with_staff = true;  // employees.csv given
  };
  const Case cases[] = {
      {"two companies, one residential IP", {"alice@acme.com", "bob@initech.com"}, "81.2.69.142", true},
      {"one account twice", {"alice@acme.com", "alice@acme.com"}, "81.2.69.142", false},
      {"two unknown accounts", {"x@a.com", "y@b.com"}, "81.2.69.142", false, false},
      {"three unknown accounts", {"x@a.com", "y@b.com", "z@c.com"}, "81.2.69.142", true, false},
      // With employees.csv, accounts outside it (colleagues, admins) never join the hires' groups.
      {"three accounts not in employees.csv", {"x@a.com", "y@b.com", "z@c.com"}, "81.2.69.142", false},
      {"a hire beside two accounts not in employees.csv", {"alice@acme.com", "y@b.com", "z@c.com"}, "81.2.69.142", false},
      {"Okta's system actor is nobody", {"alice@acme.com", "system@okta.com"}, "81.2.69.142", false, false},
      {"private address", {"alice@acme.com", "bob@initech.com"}, "10.0.0.7", false},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    std::vector<SigninEvent> events;
    for (std::size_t index = 0; index < test.logins.size(); ++index) {
      events.push_back(Event("s" + std::to_string(index), test.logins[index], "2024-05-01T16:00:00Z", test.ip));
    }
    const MonitorReport report =
        AnalyzeSignins(events, test.with_staff ? Staff() : std::vector<EmployeeMapping>{}, nullptr);
    bool flagged = false;
    for (const SigninAlert& alert : report.alerts) {
      if (alert.code != kSharedSigninIp) continue;
      flagged = true;
      EXPECT_FALSE(alert.other_logins.empty());
    }
    EXPECT_EQ(flagged, test.flagged);
  }
}

TEST(SessionAnalyzer, SharedEvidenceAlwaysHasItsAlert) {
  // A group below the alert condition (two colleagues of one employer; two accounts of
  // unknown employers) weighs nothing, so no account's reasons name SHARED_SIGNIN_IP without
  // an alert a reviewer can look up; a group that meets it alerts every member.
  std::vector<EmployeeMapping> staff = Staff();
  staff.push_back({.login = "dan@acme.com", .application_id = "acme-2", .company_id = "acme",
                   .residence_country = "US", .residence_region = "CA", .time_zone = "America/Los_Angeles"});
  std::vector<SigninEvent> events = {Event("c1", "alice@acme.com", "2024-05-01T16:00:00Z", "81.2.69.142"),
                                     Event("c2", "dan@acme.com", "2024-05-01T16:05:00Z", "81.2.69.142"),
                                     Event("f1", "bob@initech.com", "2024-05-01T17:00:00Z", "81.2.69.160"),
                                     Event("f2", "carol@globex.com", "2024-05-01T17:05:00Z", "81.2.69.160")};
  for (const auto& [people, with_staff] :
       {std::pair{events, true}, std::pair{std::vector<SigninEvent>(events.begin(), events.begin() + 2), false}}) {
    const MonitorReport report = AnalyzeSignins(people, with_staff ? staff : std::vector<EmployeeMapping>{}, nullptr);
    for (const AccountReport& account : report.accounts) {
      SCOPED_TRACE(account.login);
      const bool reason = std::find(account.reasons.begin(), account.reasons.end(),
                                    std::string(kSharedSigninIp)) != account.reasons.end();
      const bool alert = CodesFor(report, account.login).contains(kSharedSigninIp);
      EXPECT_EQ(reason, alert);
      // Only bob and carol (two employers on one address) meet the condition.
      EXPECT_EQ(alert, account.login == "bob@initech.com" || account.login == "carol@globex.com");
    }
  }
}

TEST(SessionAnalyzer, SharedDeviceFingerprintIsFlaggedEvenBehindVpn) {
  SigninEvent first = Event("d1", "alice@acme.com", "2024-05-01T16:00:00Z", "81.2.69.1");
  SigninEvent second = Event("d2", "bob@initech.com", "2024-05-01T17:00:00Z", "12.81.92.1");
  first.device_fingerprint = second.device_fingerprint = "fp-7d1c";
  second.is_proxy = true;
  const MonitorReport report = AnalyzeSignins({first, second}, Staff(), nullptr);
  EXPECT_TRUE(CodesFor(report, "alice@acme.com").contains(kSharedSigninIp));
  EXPECT_TRUE(CodesFor(report, "bob@initech.com").contains(kSharedSigninIp));
}

TEST(SessionAnalyzer, OktaDeviceTokenHashIsADevice) {
  // Four employers' hires signing in from one browser (Okta's dtHash), each from its own IP.
  std::vector<SigninEvent> events;
  const char* logins[] = {"alice@acme.com", "bob@initech.com", "carol@globex.com", "dave@hooli.com"};
  std::vector<EmployeeMapping> staff = Staff();
  staff.push_back({.login = "dave@hooli.com", .application_id = "hoo-1", .company_id = "hooli",
                   .residence_country = "US", .residence_region = "NY", .time_zone = "America/New_York"});
  staff.push_back({.login = "erin@acme.com", .application_id = "acme-2", .company_id = "acme",
                   .residence_country = "US", .residence_region = "CA", .time_zone = "America/Los_Angeles"});
  for (int idx = 0; idx < 4; ++idx) {
    const std::string when = "2024-05-01T1" + std::to_string(idx) + ":00:00Z";
    SigninEvent event = Event("t" + std::to_string(idx), logins[idx], when.c_str(), "81.2.69." + std::to_string(10 + idx));
    event.device_token_hash = "53dd1a7513e0256eb13b9a47bb07ed61e8ca3d35fbdc36c909567a21a65a2b19";
    events.push_back(event);
  }
  // A fingerprint that happens to spell the same text is another name space.
  SigninEvent stranger = Event("t9", "erin@acme.com", "2024-05-01T19:00:00Z", "81.2.69.99");
  stranger.device_fingerprint = events[0].device_token_hash;
  events.push_back(stranger);
  events[1].behaviors = "{New Geo-Location=NEGATIVE, New Device=POSITIVE, Velocity=POSITIVE}";
  const MonitorReport report = AnalyzeSignins(events, staff, nullptr);
  for (const char* login : logins) EXPECT_TRUE(CodesFor(report, login).contains(kSharedSigninIp)) << login;
  EXPECT_FALSE(CodesFor(report, "erin@acme.com").contains(kSharedSigninIp));
  // Okta's own positive behaviours on the event travel with the alert it raised.
  bool corroborated = false;
  for (const SigninAlert& alert : report.alerts) {
    for (const auto& [name, value] : alert.facts) {
      if (name == "okta_behaviors" && alert.login == "bob@initech.com") corroborated = value == "New Device, Velocity";
    }
  }
  EXPECT_TRUE(corroborated);
}

TEST(SessionAnalyzer, NewDeviceBurstWithinWindow) {
  struct Case {
    const char* name;
    int spacing_minutes;
    int devices;
    bool flagged;
  };
  const Case cases[] = {
      {"four devices in an hour", 15, 4, true},
      {"two devices", 15, 2, false},
      {"four devices over four days", 24 * 60 + 1, 4, false},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    std::vector<SigninEvent> events;
    for (int index = 0; index < test.devices; ++index) {
      SigninEvent event = Event("n" + std::to_string(index), "alice@acme.com", "", "198.51.100.1");
      event.published_unix = *ParseTimestamp("2024-05-01T16:00:00Z") + index * test.spacing_minutes * 60;
      event.user_agent = "agent-" + std::to_string(index);
      events.push_back(event);
    }
    const MonitorReport report = AnalyzeSignins(events, Staff(), nullptr);
    EXPECT_EQ(CodesFor(report, "alice@acme.com").contains(kNewDeviceBurst), test.flagged);
  }
}

TEST(SessionAnalyzer, FailedSignInsDoNotCountForLocation) {
  SigninEvent event = Event("f1", "alice@acme.com", "2024-05-01T16:00:00Z", "203.0.113.9", "China");
  event.outcome_result = "FAILURE";
  const MonitorReport report = AnalyzeSignins({event}, Staff(), nullptr);
  EXPECT_TRUE(report.alerts.empty());
  ASSERT_NE(AccountOf(report, "alice@acme.com"), nullptr);
  EXPECT_EQ(AccountOf(report, "alice@acme.com")->events, 1);
}

TEST(SessionAnalyzer, ScoreAndLevelGrowWithEvidence) {
  // Alice: VPN every time (isProxy), with one leak straight from China on each of 6 days,
  // while claiming California. Bob: an ordinary sign-in at home.
  std::vector<SigninEvent> events;
  const std::int64_t start = *ParseTimestamp("2024-05-01T16:00:00Z");
  for (int day = 0; day < 6; ++day) {
    SigninEvent vpn = Event("v" + std::to_string(day), "ALICE@acme.com", "", "203.0.113.7", "United States");
    vpn.published_unix = start + day * 86400;
    vpn.is_proxy = true;
    events.push_back(vpn);
    SigninEvent leak = Event("l" + std::to_string(day), "alice@acme.com", "", "36.110.0.9", "China");
    leak.published_unix = start + day * 86400 + 3600;
    events.push_back(leak);
  }
  events.push_back(Event("ok", "bob@initech.com", "2024-05-01T16:00:00Z", "12.81.92.1", "United States"));
  const MonitorReport report = AnalyzeSignins(events, Staff(), nullptr);
  const AccountReport* alice = AccountOf(report, "alice@acme.com");  // login as in employees.csv
  ASSERT_NE(alice, nullptr);
  EXPECT_EQ(alice->application_id, "acme-1");
  EXPECT_EQ(alice->events, 12);
  EXPECT_EQ(alice->reasons, (std::vector<std::string>{kSigninForeignGeo, kSigninAnonymizer}));
  EXPECT_EQ(alice->level, "critical");
  // The reasons explain the score: their log-odds add up to the posterior's minus the prior's.
  double sum = 0;
  ASSERT_EQ(alice->terms.size(), alice->reasons.size());
  for (std::size_t term_idx = 0; term_idx < alice->terms.size(); ++term_idx) {
    EXPECT_EQ(alice->terms[term_idx].code, alice->reasons[term_idx]);
    EXPECT_FALSE(alice->terms[term_idx].summary.empty());
    sum += alice->terms[term_idx].log_odds;
  }
  EXPECT_NEAR(alice->log_odds - sum, std::log(0.02 / 0.98), 1e-9);
  EXPECT_EQ(alice->score, static_cast<int>(std::floor(100 / (1 + std::exp(-alice->log_odds)))));
  EXPECT_FALSE(alice->alerts.empty());  // the evidence stays with the verdict
  const AccountReport* bob = AccountOf(report, "bob@initech.com");
  ASSERT_NE(bob, nullptr);
  EXPECT_NEAR(bob->log_odds, std::log(0.02 / 0.98), 1e-9);  // the prior, nothing added
  EXPECT_LE(bob->score, 2);
  EXPECT_EQ(bob->level, "low");
  EXPECT_TRUE(bob->reasons.empty());
}

// Habit: the same indicator weighs little once in a while and much as a way of working.
TEST(SessionAnalyzer, WeightsGrowWithHowHabitualTheEvidenceIs) {
  struct Case {
    const char* name;
    int days;            // one successful sign-in per day, from Alice's home IP unless below
    int vpn_days;        // ... through an anonymizer on the first vpn_days days
    int abroad_days;     // ... directly from Germany on the last abroad_days days
    const char* level;   // expected
  };
  const Case cases[] = {
      {"ordinary", 30, 0, 0, "low"},
      {"occasional VPN (1 in 30)", 30, 1, 0, "low"},
      {"habitual VPN (27 in 30)", 30, 27, 0, "medium"},
      {"one weekend abroad", 30, 0, 2, "low"},
      {"lives abroad (25 of 30 days)", 30, 0, 25, "high"},
      {"habitual VPN and lives abroad", 30, 15, 15, "critical"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    std::vector<SigninEvent> events;
    for (int day = 0; day < test.days; ++day) {
      SigninEvent event = Event("d" + std::to_string(day), "alice@acme.com", "", "98.51.100.1", "United States");
      event.published_unix = *ParseTimestamp("2024-05-01T16:00:00Z") + day * 86400;
      if (day < test.vpn_days) {
        event.ip_address = "203.0.113.7";
        event.is_proxy = true;
      } else if (day >= test.days - test.abroad_days) {
        event.ip_address = "81.2.69.160";
        event.geo_country = "Germany";
      }
      events.push_back(event);
    }
    const MonitorReport report = AnalyzeSignins(events, Staff(), nullptr);
    const AccountReport* alice = AccountOf(report, "alice@acme.com");
    ASSERT_NE(alice, nullptr);
    EXPECT_EQ(alice->level, test.level) << alice->score;
  }
}

// A family visit is weighed by the days it took, not by how busy they were: six days abroad
// with a dozen sign-ins each, in a month of working from home, stays a weak reason.
TEST(SessionAnalyzer, ABusyFamilyVisitIsNotLivingAbroad) {
  std::vector<SigninEvent> events;
  const std::int64_t start = *ParseTimestamp("2024-05-01T16:00:00Z");
  for (int day = 0; day < 30; ++day) {
    const bool visiting = day >= 12 && day < 18;
    for (int sign_in = 0; sign_in < (visiting ? 12 : 1); ++sign_in) {
      SigninEvent event = Event("d" + std::to_string(day) + "-" + std::to_string(sign_in), "alice@acme.com", "",
                                visiting ? "81.2.69.160" : "98.51.100.1", visiting ? "Germany" : "United States");
      event.published_unix = start + day * 86400 + sign_in * 600;
      events.push_back(event);
    }
  }
  const MonitorReport report = AnalyzeSignins(events, Staff(), nullptr);
  const AccountReport* alice = AccountOf(report, "alice@acme.com");
  ASSERT_NE(alice, nullptr);
  EXPECT_EQ(alice->reasons, (std::vector<std::string>{kSigninForeignGeo}));
  EXPECT_EQ(alice->level, "low") << alice->score;
}

// Who shares an address: a couple, an office, a shared flat, a laptop farm.
TEST(SessionAnalyzer, SharedIpWeighsByHowManyEmployersItJoins) {
  struct Case {
    const char* name;
    std::vector<std::pair<std::string, std::string>> members;  // login, company
    bool high;
  };
  const Case cases[] = {
      {"a couple working for two companies", {{"ann@a.com", "a"}, {"ben@b.com", "b"}}, false},
      {"three colleagues at one office", {{"c1@c.com", "c"}, {"c2@c.com", "c"}, {"c3@c.com", "c"}}, false},
      {"a farm: six companies at one IP",
       {{"f1@d.com", "d"}, {"f2@e.com", "e"}, {"f3@f.com", "f"}, {"f4@g.com", "g"}, {"f5@h.com", "h"},
        {"f6@i.com", "i"}},
       true},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    std::vector<EmployeeMapping> staff;
    std::vector<SigninEvent> events;
    for (const auto& [login, company] : test.members) {
      staff.push_back({.login = login, .application_id = "app-" + login, .company_id = company,
                       .residence_country = "US", .residence_region = "TX",
                       .time_zone = "America/Chicago"});
      for (int day = 0; day < 10; ++day) {
        SigninEvent event = Event(login + std::to_string(day), login, "", "98.51.100.77", "United States");
        event.published_unix = *ParseTimestamp("2024-05-01T15:00:00Z") + day * 86400;
        events.push_back(event);
      }
    }
    const MonitorReport report = AnalyzeSignins(events, staff, nullptr);
    ASSERT_EQ(report.accounts.size(), test.members.size());
    for (const AccountReport& account : report.accounts) {
      SCOPED_TRACE(account.login);
      EXPECT_EQ(account.score >= 50, test.high) << account.score;
    }
  }
}

TEST(LevelForScore, Bands) {
  const std::pair<int, const char*> cases[] = {{0, "low"}, {24, "low"}, {25, "medium"}, {49, "medium"},
                                               {50, "high"}, {74, "high"}, {75, "critical"}, {100, "critical"}};
  for (const auto& [score, level] : cases) {
    SCOPED_TRACE(score);
    EXPECT_STREQ(LevelForScore(score), level);
  }
}

TEST(AlertToJson, CarriesEvidence) {
  SigninAlert alert{.code = kImpossibleTravel, .login = "alice@acme.com", .application_id = "acme-1",
                    .company_id = "acme", .at_unix = *ParseTimestamp("2024-05-01T17:00:00Z"),
                    .message = "far \"away\""};
  alert.event_uuids = {"a", "b"};
  alert.times = {*ParseTimestamp("2024-05-01T16:00:00Z")};
  alert.measures = {{"speed_kmh", 9600.5}};
  alert.facts = {{"ip_country", "KR"}};
  EXPECT_EQ(AlertToJson(alert),
            R"({"code":"IMPOSSIBLE_TRAVEL","login":"alice@acme.com","application_id":"acme-1",)"
            R"("company_id":"acme","at":"2024-05-01T17:00:00Z","message":"far \"away\"",)"
            R"("event_uuids":["a","b"],"ips":[],"times":["2024-05-01T16:00:00Z"],"other_logins":[],)"
            R"("measures":{"speed_kmh":9600.5},"facts":{"ip_country":"KR"}})");
}

}  // namespace
}  // namespace crosscheck::monitor
