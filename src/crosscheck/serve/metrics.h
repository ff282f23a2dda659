// Metrics: what a company node counts for `GET /metrics`, rendered in the Prometheus text
// exposition format (https://prometheus.io/docs/instrumenting/exposition_formats/): requests by
// endpoint and status, applications stored, and how long the last resolution took.
//
//   metrics.CountRequest("POST", "/v1/applications", 200);
//   std::string text = metrics.Render({{"crosscheck_applications_stored", "Applications in the store.", 13}});
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>
#include <string_view>
#include <utility>

namespace crosscheck::serve {

// EndpointOf names the route a request took, with ids replaced by {id} so the label set stays
// bounded ("GET /v1/applications/{id}"; every TAXII path is "GET /taxii2/..."); an unknown
// path is "other".
std::string EndpointOf(std::string_view method, std::string_view path);

// Metrics is thread-safe.
class Metrics {
 public:
  // CountRequest counts one answered request.
  void CountRequest(std::string_view method, std::string_view path, int status);

  // Gauge is one value the node reports as it is now.
  struct Gauge {
    const char* name;  // crosscheck_...
    const char* help;
    double value;
  };

  // Render returns the exposition text: crosscheck_http_requests_total{endpoint,status}, then
  // the gauges.
  std::string Render(const std::vector<Gauge>& gauges) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
};

}  // namespace crosscheck::serve
