// Metrics: what a company node counts for `GET /metrics`, rendered in the Prometheus text
// exposition format (https://prometheus.io/docs/instrumenting/exposition_formats/): requests by
// endpoint and status, applications stored, and how long the last resolution took.
//
//   metrics.CountRequest("POST", "/v1/applications", 200);
//   std::string text = metrics.Render(stored, last_resolve_seconds);
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace crosscheck::serve {

// EndpointOf names the route a request took, with ids replaced by {id} so the label set stays
// bounded ("GET /v1/applications/{id}"); an unknown path is "other".
std::string EndpointOf(std::string_view method, std::string_view path);

// Metrics is thread-safe.
class Metrics {
 public:
  // CountRequest counts one answered request.
  void CountRequest(std::string_view method, std::string_view path, int status);

  // Render returns the exposition text: crosscheck_http_requests_total{endpoint,status},
  // crosscheck_applications_stored and crosscheck_last_resolve_seconds.
  std::string Render(std::int64_t applications_stored, double last_resolve_seconds) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
};

}  // namespace crosscheck::serve
