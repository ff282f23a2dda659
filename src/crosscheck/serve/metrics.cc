#include "crosscheck/serve/metrics.h"

#include <array>
#include <cstdio>

namespace crosscheck::serve {

std::string EndpointOf(std::string_view method, std::string_view path) {
  // Exact paths first, then the ones ending in an id.
  static constexpr std::array<std::string_view, 12> kExact = {
      "/v1/applications", "/v1/queue", "/v1/decisions", "/v1/audit", "/v1/export/risk.csv", "/v1/export/stix",
      "/v1/employees",    "/v1/signins", "/v1/alerts",
      "/healthz",         "/metrics",  "/openapi.json"};
  static constexpr std::array<std::string_view, 3> kWithId = {"/v1/applications/", "/v1/personas/", "/v1/networks/"};
  for (std::string_view exact : kExact) {
    if (path == exact) return std::string(method) + " " + std::string(path);
  }
  for (std::string_view prefix : kWithId) {
    if (path.starts_with(prefix) && path.size() > prefix.size()) {
      return std::string(method) + " " + std::string(prefix) + "{id}";
    }
  }
  // TAXII paths hold the API root and collection ids a client chooses: one label for them all.
  if (path.starts_with("/taxii2")) return std::string(method) + " /taxii2/...";
  return "other";
}

void Metrics::CountRequest(std::string_view method, std::string_view path, int status) {
  std::string endpoint = EndpointOf(method, path);
  std::lock_guard lock(mutex_);
  ++requests_[{std::move(endpoint), status}];
}

std::string Metrics::Render(const std::vector<Gauge>& gauges) const {
  std::string out =
      "# HELP crosscheck_http_requests_total HTTP requests answered, by endpoint and status.\n"
      "# TYPE crosscheck_http_requests_total counter\n";
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : requests_) {
      out += "crosscheck_http_requests_total{endpoint=\"" + key.first + "\",status=\"" + std::to_string(key.second) +
             "\"} " + std::to_string(count) + "\n";
    }
  }
  for (const Gauge& gauge : gauges) {
    char value[64];
    std::snprintf(value, sizeof value, "%.6g", gauge.value);
    out += std::string("# HELP ") + gauge.name + " " + gauge.help + "\n# TYPE " + gauge.name + " gauge\n" + gauge.name +
           " " + value + "\n";
  }
  return out;
}

}  // namespace crosscheck::serve
