// The JSON shapes of the company node's API (docs/API.md): an application's result in brief
// (POST answers, the queue) and in full (reasons with evidence, the record as received, linked
// pairs), personas, networks, decisions and audit rows. nlohmann::json stays inside this
// module's sources; the header speaks in strings and the pipeline's views.
//
//   std::string body = ApplicationDetailJson(*snapshot, index, {.decisions = decisions});
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crosscheck/pipeline/scan_result.h"
#include "crosscheck/serve/application_body.h"
#include "crosscheck/serve/signin_monitor.h"
#include "crosscheck/serve/snapshot.h"
#include "crosscheck/share/findings_file.h"
#include "crosscheck/store/company_store.h"

namespace crosscheck::serve {

// PostedResult is one posted application's outcome for ApplicationsAnswerJson.
struct PostedResult {
  std::size_t index = 0;  // into the snapshot's applications
  bool replaced = false;  // the id was stored already and this post replaced it
};

// ApplicationsAnswerJson renders the answer to POST /v1/applications:
// {"results": [{application_id, persona_id, network_id, score, level, replaced, reasons:
// [{code, log_odds, summary}]}], "provisional": false, "rows_skipped": N, "issues": [...]}.
std::string ApplicationsAnswerJson(const Snapshot& snapshot, const std::vector<PostedResult>& posted,
                                   const IssueLog& issues);

// InvalidBodyJson renders the 400 answer to a body that was refused: {"error": {"code":
// "INVALID_BODY", message, line, column, rows_skipped, issues: [{line, column, field, code,
// severity, message}]}}.
std::string InvalidBodyJson(const BodyError& error, const IssueLog& issues);

// ApplicationContext is what the node knows of an application besides its result: the
// decisions on it, the sign-in alerts on its hire, and the consortium hub's finding on it.
struct ApplicationContext {
  std::vector<store::DecisionRow> decisions;
  std::vector<NumberedAlert> alerts;
  std::optional<share::ApplicationFinding> consortium;
};

// ApplicationDetailJson renders GET /v1/applications/{id}: the record's fields as received,
// the result with each reason's evidence, the linked pairs' waterfalls that involve it (when its
// network is flagged), the decisions on it, its hire's sign-in alerts ("alerts", as AlertsJson)
// and the hub's finding ("consortium": {network, persona, hub_score, hub_level, reasons,
// evidence}, or null).
std::string ApplicationDetailJson(const Snapshot& snapshot, std::size_t index, const ApplicationContext& context);

// PersonaJson renders GET /v1/personas/{id}: the persona's network and applications.
std::string PersonaJson(const Snapshot& snapshot, const std::string& persona_id, const std::vector<std::size_t>& members);

// NetworkView is how much of a network GET /v1/networks/{id} sends: kFull (the default) or
// kGraph (`?view=graph`: what a drawing needs, without each member's reasons and the linked
// pairs' waterfalls, which the application page fetches on its own; about 1/15 of the bytes).
enum class NetworkView : std::uint8_t { kFull, kGraph };

// NetworkJson renders GET /v1/networks/{id}: members, and for a flagged network its score,
// level, companies, artifact edges and (kFull only) linked pairs; kGraph members have no
// "reasons".
std::string NetworkJson(const Snapshot& snapshot, const std::string& network_id, const std::vector<std::size_t>& members,
                        NetworkView view = NetworkView::kFull);

// QueueJson renders one page of the review queue: {total, offset, limit, items: [...]}.
std::string QueueJson(const Snapshot& snapshot, const std::vector<std::size_t>& page, std::size_t total,
                      std::size_t offset, std::size_t limit);

// DecisionJson renders one stored decision, {id, application_id, decision, note, who, at,
// cleared_with}, and the decided application's result rescored with it ("result").
std::string DecisionJson(const store::DecisionRow& decision, const Snapshot& rescored);

// AlertJson renders one sign-in alert: {id, code, login, application_id, company_id, at, message,
// event_uuids, ips, other_logins, measures: {name: number}, facts: {name: text}}.
// AlertsJson renders {"alerts": [...], "next_after_id": N} (GET /v1/alerts).
std::string AlertsJson(const std::vector<NumberedAlert>& alerts, std::int64_t after_id);

// SigninsAnswerJson renders the answer to POST /v1/signins: {accepted, rows_skipped, issues,
// alerts: [the alerts the events raised]}.
std::string SigninsAnswerJson(std::size_t accepted, const std::vector<NumberedAlert>& raised, const IssueLog& issues);

// EmployeesAnswerJson renders the answer to POST /v1/employees: {accepted, rows_skipped, issues}.
std::string EmployeesAnswerJson(std::size_t accepted, const IssueLog& issues);

// AuditJson renders {"rows": [{id, at, who, action, detail}], "next_after_id": N}.
std::string AuditJson(const std::vector<store::AuditRow>& rows, std::int64_t after_id);

}  // namespace crosscheck::serve
