#include "crosscheck/serve/signin_monitor.h"

#include <algorithm>
#include <utility>

#include "crosscheck/monitor/employee_map.h"

namespace crosscheck::serve {

void SigninMonitor::Reset(const std::vector<EmployeeRecord>& employees,
                          const std::vector<ApplicationRecord>& applications,
                          const std::vector<SigninEvent>& events) {
  std::lock_guard lock(mutex_);
  analyzer_ = std::make_unique<monitor::SessionAnalyzer>(
      monitor::MonitorOptions{}, monitor::BuildEmployeeMappings(employees, applications), intel_);
  alerts_.clear();
  ObserveLocked(events, nullptr);
}

std::vector<NumberedAlert> SigninMonitor::Observe(const std::vector<SigninEvent>& events) {
  std::lock_guard lock(mutex_);
  std::vector<NumberedAlert> raised;
  ObserveLocked(events, &raised);
  return raised;
}

void SigninMonitor::ObserveLocked(const std::vector<SigninEvent>& events, std::vector<NumberedAlert>* raised) {
  if (analyzer_ == nullptr) {
    analyzer_ = std::make_unique<monitor::SessionAnalyzer>(monitor::MonitorOptions{},
                                                           std::vector<monitor::EmployeeMapping>{}, intel_);
  }
  std::vector<monitor::SigninAlert> fresh;
  for (const SigninEvent& event : events) analyzer_->Observe(event, fresh);
  for (monitor::SigninAlert& alert : fresh) {
    alerts_.push_back({static_cast<std::int64_t>(alerts_.size()) + 1, std::move(alert)});
    if (raised != nullptr) raised->push_back(alerts_.back());
  }
  auto report = std::make_shared<monitor::MonitorReport>();
  report->accounts = analyzer_->Accounts();
  report_ = std::move(report);
}

std::vector<NumberedAlert> SigninMonitor::Alerts(std::int64_t after_id, std::size_t limit) const {
  std::lock_guard lock(mutex_);
  std::vector<NumberedAlert> page;
  const std::size_t first = static_cast<std::size_t>(std::clamp<std::int64_t>(after_id, 0, static_cast<std::int64_t>(alerts_.size())));
  for (std::size_t idx = first; idx < alerts_.size() && page.size() < limit; ++idx) page.push_back(alerts_[idx]);
  return page;
}

std::vector<NumberedAlert> SigninMonitor::AlertsOf(const std::string& application_id) const {
  std::lock_guard lock(mutex_);
  std::vector<NumberedAlert> found;
  for (const NumberedAlert& alert : alerts_) {
    if (alert.alert.application_id == application_id) found.push_back(alert);
  }
  return found;
}

std::shared_ptr<const monitor::MonitorReport> SigninMonitor::Report() const {
  std::lock_guard lock(mutex_);
  return report_;
}

}  // namespace crosscheck::serve
