// AuditRow: one line of a service's append-only audit log — who did what, when, and how it
// ended. The hub (HubStore) and the company node (CompanyStore) keep the same rows.
//
//   store->AppendAudit({.at = "2026-12-06T17:00:00Z", .who = "alice", .action = "read",
//                       .detail = "application a-17"});
#pragma once

#include <cstdint>
#include <string>

namespace crosscheck::store {

// AuditRow is one line of the audit log.
struct AuditRow {
  std::int64_t id = 0;  // assigned by the store, increasing
  std::string at;       // ISO 8601 UTC
  std::string who;      // the hub's member company, or the company node's token name; empty
                        // when the caller was not authenticated
  std::string action;   // "push", "pull", "post_applications", "read_application", ...
  std::string detail;   // outcome: "ok version 3", "refused 401 ..."
};

}  // namespace crosscheck::store
