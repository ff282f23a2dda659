// SigninMonitor: a company node's post-hire monitoring. Okta sign-in events posted to
// /v1/signins go through one streaming monitor::SessionAnalyzer; each alert it raises is kept,
// numbered, for GET /v1/alerts, and its account reports become findings on the hired
// applications' scores (pipeline::ScanInput::monitoring). The store keeps the events as received
// and the employees; Reset rebuilds the analyzer from them (at start-up, and when the employees
// change: a hire's claimed residence is the baseline of every later sign-in), so the same events
// always give the same alerts.
//
//   SigninMonitor monitor(&context->intel);
//   monitor.Reset(employees, snapshot->Records(), stored_events);
//   std::vector<NumberedAlert> raised = monitor.Observe(new_events);
//   resolver.SetMonitoring(monitor.Report());
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/monitor/session_analyzer.h"
#include "crosscheck/normalize/ip_intel.h"

namespace crosscheck::serve {

// NumberedAlert is an alert with its place among every alert the node raised (1, 2, ...).
struct NumberedAlert {
  std::int64_t id = 0;
  monitor::SigninAlert alert;
};

// SigninMonitor is thread-safe: Reset and Observe are serialized; reads see a consistent state.
class SigninMonitor {
 public:
  // `intel` (may be null) must outlive the monitor.
  explicit SigninMonitor(const normalize::IpIntel* intel) : intel_(intel) {}

  // Reset forgets every alert, builds a new analyzer for `employees` (their claimed residences
  // read from `applications`) and replays `events` in order.
  void Reset(const std::vector<EmployeeRecord>& employees, const std::vector<ApplicationRecord>& applications,
             const std::vector<SigninEvent>& events);

  // Observe analyses new events in order and returns the alerts they raised.
  std::vector<NumberedAlert> Observe(const std::vector<SigninEvent>& events);

  // Alerts returns at most `limit` alerts with an id above `after_id`, oldest first.
  std::vector<NumberedAlert> Alerts(std::int64_t after_id, std::size_t limit) const;

  // AlertsOf returns every alert on the hire of `application_id`, oldest first.
  std::vector<NumberedAlert> AlertsOf(const std::string& application_id) const;

  // Report returns the accounts as they stand (score, level, terms), for scoring. Never null.
  std::shared_ptr<const monitor::MonitorReport> Report() const;

 private:
  void ObserveLocked(const std::vector<SigninEvent>& events, std::vector<NumberedAlert>* raised);

  const normalize::IpIntel* intel_;
  mutable std::mutex mutex_;
  std::unique_ptr<monitor::SessionAnalyzer> analyzer_;
  std::vector<NumberedAlert> alerts_;
  std::shared_ptr<const monitor::MonitorReport> report_ = std::make_shared<const monitor::MonitorReport>();
};

}  // namespace crosscheck::serve
