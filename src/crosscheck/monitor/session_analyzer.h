// SessionAnalyzer: post-hire monitoring. Turns identity-provider sign-in events (Okta System
// Log, one SigninEvent at a time) into per-account indicators with evidence: anonymizers,
// sign-ins from outside the claimed country, impossible travel, a working day that fits
// another time zone, accounts sharing an IP or device, bursts of new devices. Streaming: state
// is kept per account (and per shared IP / device), never per event. Codes and thresholds are
// documented in docs/INDICATORS.md ("Post-hire monitoring").
//
//   SessionAnalyzer analyzer(MonitorOptions{}, employees, &ip_intel);
//   std::vector<SigninAlert> alerts;
//   for (const SigninEvent& event : events) analyzer.Observe(event, alerts);
//   std::vector<AccountReport> accounts = analyzer.Accounts();
//
//   // or in one call, for the scan pipeline:
//   MonitorReport report = AnalyzeSignins(events, employees, &ip_intel);
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/monitor/employee_map.h"
#include "crosscheck/normalize/ip_intel.h"

namespace crosscheck::monitor {

// Indicator codes (stable, seen outside the program; never renamed or reused).
inline constexpr const char* kSigninAnonymizer = "SIGNIN_ANONYMIZER";
inline constexpr const char* kSigninForeignGeo = "SIGNIN_FOREIGN_GEO";
inline constexpr const char* kImpossibleTravel = "IMPOSSIBLE_TRAVEL";
inline constexpr const char* kSigninOffHours = "SIGNIN_OFF_HOURS";
inline constexpr const char* kSharedSigninIp = "SHARED_SIGNIN_IP";
inline constexpr const char* kNewDeviceBurst = "NEW_DEVICE_BURST";

// MonitorOptions are the documented bounds of the indicators.
struct MonitorOptions {
  // IMPOSSIBLE_TRAVEL: great-circle speed between consecutive located sign-ins above this
  // (Panther's okta_geo_improbable_access uses 900 km/h; an airliner cruises at ~900).
  double max_speed_kmh = 1000.0;
  // ... after taking this much off every distance: two city-level IP locations of one place
  // are often 50-100 km apart (MaxMind's own accuracy figures: about two thirds of US city
  // answers within 50 km), so a move counts only by how far it exceeds that error. No cliff:
  // 150 km in seconds alerts, 45 km in one second does not, 120 km in an hour does not.
  double location_error_km = 100.0;
  // SIGNIN_OFF_HOURS: at least this many located sign-ins with a known residence zone ...
  int off_hours_min_events = 20;
  // ... of which at least this share fall between off_hours_start and off_hours_end local.
  double off_hours_min_share = 0.6;
  int off_hours_start = 19;  // local hour, inclusive
  int off_hours_end = 6;     // local hour, exclusive
  // SHARED_SIGNIN_IP: accounts from one IP or device fingerprint; two suffice when they
  // belong to different companies.
  int shared_min_accounts = 3;
  // NEW_DEVICE_BURST: this many new devices (after the account's first) within the window.
  int new_device_burst = 3;
  std::int64_t new_device_window_seconds = 24 * 3600;
  // At most this many alerts of one code per account (evidence, not a flood).
  int max_alerts_per_code = 5;
  // Account score: prior probability that a hire is fraudulent, before any sign-in evidence
  // (the same 2 % as score::ScoreOptions). With it, "high" (posterior >= 0.5) needs evidence
  // worth a likelihood ratio of ~49 (3.9 nats), "critical" (>= 0.75) ~147 (5.0 nats).
  double prior_probability = 0.02;
};

// SigninAlert is one indicator raised by one event, with its evidence.
struct SigninAlert {
  std::string code;
  std::string login;
  std::string application_id;  // empty when the login is not in employees.csv
  std::string company_id;
  std::int64_t at_unix = 0;    // published time of the triggering event (0 when unknown)
  std::string message;         // one sentence for a person
  std::vector<std::string> event_uuids;
  std::vector<std::string> ips;
  std::vector<std::int64_t> times;
  std::vector<std::string> other_logins;  // SHARED_SIGNIN_IP: the other accounts
  // The numbers compared, e.g. {"speed_kmh", 8500}, {"max_speed_kmh", 1000}.
  std::vector<std::pair<std::string, double>> measures;
  // Free-form facts, e.g. {"idp_country", "US"}, {"ip_country", "KP"}.
  std::vector<std::pair<std::string, std::string>> facts;
};

// ScoreTerm is one indicator's contribution to an account's score: its log likelihood ratio
// (in nats, after the cap of its family of correlated indicators) and the facts it rests on.
struct ScoreTerm {
  std::string code;
  double log_odds = 0;
  std::string summary;  // e.g. "anonymizer on 45 of 50 sign-ins (90%)"
};

// AccountReport is one account's verdict: score 0..100 (floor of 100 x the posterior
// probability of fraud from MonitorOptions::prior_probability and the terms), level
// low/medium/high/critical, the indicator codes behind it (strongest first) and their terms
// (same order; their log_odds sum to log_odds minus the prior's), with the alerts as evidence.
struct AccountReport {
  std::string login;
  std::string application_id;
  std::string company_id;
  std::int64_t events = 0;
  int score = 0;
  std::string level;
  double log_odds = 0;  // posterior log-odds of fraud
  std::vector<std::string> reasons;
  std::vector<ScoreTerm> terms;
  std::vector<SigninAlert> alerts;
};

// MonitorReport is AnalyzeSignins' result: every account seen (sorted by login) and every
// alert in the order raised.
struct MonitorReport {
  std::vector<AccountReport> accounts;
  std::vector<SigninAlert> alerts;
};

// LevelForScore maps 0..24 low, 25..49 medium, 50..74 high, 75..100 critical.
const char* LevelForScore(int score);

// SessionAnalyzer holds the streaming state. Not thread-safe (one instance per stream); memory
// grows with accounts, distinct IPs and device fingerprints, not with events.
class SessionAnalyzer {
 public:
  // employees may be empty (every login is then analysed without a claimed residence); intel
  // may be null (only the IdP's own fields are used). intel must outlive the analyzer.
  SessionAnalyzer(MonitorOptions options, const std::vector<EmployeeMapping>& employees,
                  const normalize::IpIntel* intel);
  SessionAnalyzer(const SessionAnalyzer&) = delete;
  SessionAnalyzer& operator=(const SessionAnalyzer&) = delete;
  ~SessionAnalyzer();

  // Observe analyses one event and appends the alerts it raises. Events without an actor
  // login are ignored. Events should arrive in published order (travel uses the previous
  // located sign-in of the account).
  void Observe(const SigninEvent& event, std::vector<SigninAlert>& alerts);

  // Accounts returns every account seen so far, sorted by login, with score and evidence.
  std::vector<AccountReport> Accounts() const;

  // EventCounts says what Observe did with the events: each event not analysed is counted by
  // why, so a log that yields no alerts is never silent about having been skipped.
  struct EventCounts {
    std::int64_t seen = 0;           // passed to Observe
    std::int64_t used = 0;           // analysed for an account
    std::int64_t without_actor = 0;  // no actor.alternateId: no account to attribute it to
    std::int64_t system_actor = 0;   // Okta's own system@okta.com: not a person
    std::int64_t not_employee = 0;   // analysed, but the actor is not in employees.csv: it never
                                     // joins a shared IP or device group of the employees
    std::int64_t without_time = 0;   // published missing, "redacted" or unreadable: no travel,
                                     // hours or bursts from it
  };
  EventCounts counts() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// AnalyzeSignins runs a SessionAnalyzer over events sorted by published time (stable; events
// without a time keep their place at the front) and returns every account and alert. Pure
// apart from reading intel; safe to call concurrently with separate inputs.
MonitorReport AnalyzeSignins(const std::vector<SigninEvent>& events,
                             const std::vector<EmployeeMapping>& employees,
                             const normalize::IpIntel* intel, const MonitorOptions& options = {});

}  // namespace crosscheck::monitor
