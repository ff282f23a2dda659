#include "crosscheck/serve/company_json.h"

#include <nlohmann/json.hpp>

#include "crosscheck/common/application_columns.h"
#include "crosscheck/common/time.h"
#include "crosscheck/serve/internal/http_support.h"

namespace crosscheck::serve {
namespace {

using Json = nlohmann::json;

Json ReasonJson(const pipeline::ReasonView& reason, bool with_evidence) {
  Json json{{"code", reason.code}, {"log_odds", reason.log_odds}, {"summary", reason.summary}};
  if (with_evidence) json["evidence"] = reason.evidence;
  return json;
}

// BriefJson is an application's result without personal data beyond its ids.
Json BriefJson(const pipeline::ApplicationResult& application, bool with_evidence) {
  Json reasons = Json::array();
  for (const pipeline::ReasonView& reason : application.reasons) reasons.push_back(ReasonJson(reason, with_evidence));
  return Json{{"application_id", application.application_id},
              {"company_id", application.company_id},
              {"persona_id", application.persona_id},
              {"network_id", application.network_id},
              {"score", application.score},
              {"level", application.level},
              {"reasons", std::move(reasons)}};
}

Json RecordJson(const ApplicationRecord& record) {
  Json json = Json::object();
  for (const ApplicationColumn& column : kApplicationColumns) json[std::string(column.name)] = record.*column.field;
  for (const auto& [header, value] : record.extra) json["extra"][header] = value;
  return json;
}

Json LinkedPairJson(const pipeline::LinkedPairView& pair) {
  Json terms = Json::array();
  for (const pipeline::PairTermView& term : pair.terms) {
    terms.push_back({{"field", term.field}, {"level", term.level}, {"weight", term.weight}});
  }
  return Json{{"application_left", pair.application_left},
              {"application_right", pair.application_right},
              {"match_probability", pair.match_probability},
              {"match_weight", pair.match_weight},
              {"prior_weight", pair.prior_weight},
              {"terms", std::move(terms)}};
}

// MemberJson is a network's or persona's member: the brief result plus the applicant's name.
Json MemberJson(const Snapshot& snapshot, std::size_t index) {
  Json json = BriefJson(snapshot.application(index), false);
  json["full_name"] = snapshot.application(index).full_name;
  json["provisional"] = snapshot.is_provisional(index);
  return json;
}

std::string Dump(const Json& json) { return internal::JsonText(json); }

Json IssuesArray(const IssueLog& issues) {
  Json rows = Json::array();
  for (const Issue& issue : issues.issues()) {
    rows.push_back({{"line", issue.line},
                    {"column", issue.column},
                    {"field", issue.field},
                    {"code", issue.code},
                    {"severity", IssueSeverityName(issue.severity)},
                    {"message", issue.message}});
  }
  return rows;
}

Json DecisionObject(const store::DecisionRow& decision) {
  return Json{{"id", decision.id},     {"application_id", decision.application_id},
              {"decision", decision.decision}, {"note", decision.note},
              {"who", decision.who},   {"at", decision.at},
              {"cleared_with", decision.cleared_with}};
}

Json AlertObject(const NumberedAlert& numbered) {
  const monitor::SigninAlert& alert = numbered.alert;
  Json measures = Json::object();
  for (const auto& [name, value] : alert.measures) measures[name] = value;
  Json facts = Json::object();
  for (const auto& [name, value] : alert.facts) facts[name] = value;
  return Json{{"id", numbered.id},
              {"code", alert.code},
              {"login", alert.login},
              {"application_id", alert.application_id},
              {"company_id", alert.company_id},
              {"at", alert.at_unix == 0 ? "" : FormatTimestamp(alert.at_unix)},
              {"message", alert.message},
              {"event_uuids", alert.event_uuids},
              {"ips", alert.ips},
              {"other_logins", alert.other_logins},
              {"measures", std::move(measures)},
              {"facts", std::move(facts)}};
}

// FindingJson is the hub's word on one application: counts over the consortium only.
Json FindingJson(const share::ApplicationFinding& finding) {
  Json reasons = Json::array();
  for (const share::ConsortiumReason& reason : finding.reasons) {
    reasons.push_back({{"code", reason.code}, {"log_odds", reason.log_odds}, {"summary", reason.summary}});
  }
  Json evidence = Json::array();
  for (const share::SharedArtifactCount& count : finding.evidence) {
    evidence.push_back({{"kind", count.kind},
                        {"applications", count.applications},
                        {"other_companies", count.other_companies},
                        {"names", count.names}});
  }
  return Json{{"network", finding.network},   {"persona", finding.persona},
              {"hub_score", finding.hub_score}, {"hub_level", finding.hub_level},
              {"reasons", std::move(reasons)}, {"evidence", std::move(evidence)}};
}

}  // namespace

std::string InvalidBodyJson(const BodyError& error, const IssueLog& issues) {
  return Dump(Json{{"error",
                    {{"code", "INVALID_BODY"},
                     {"message", error.message},
                     {"line", error.line},
                     {"column", error.column},
                     {"rows_skipped", issues.CountBySeverity(IssueSeverity::kRowSkipped)},
                     {"issues", IssuesArray(issues)}}}});
}

std::string ApplicationsAnswerJson(const Snapshot& snapshot, const std::vector<PostedResult>& posted,
                                   const IssueLog& issues) {
  Json results = Json::array();
  bool provisional = false;
  for (const PostedResult& entry : posted) {
    Json result = BriefJson(snapshot.application(entry.index), false);
    result["replaced"] = entry.replaced;
    result["provisional"] = snapshot.is_provisional(entry.index);
    provisional = provisional || snapshot.is_provisional(entry.index);
    results.push_back(std::move(result));
  }
  return Dump(Json{{"results", std::move(results)},
                   {"provisional", provisional},
                   {"rows_skipped", issues.CountBySeverity(IssueSeverity::kRowSkipped)},
                   {"issues", IssuesArray(issues)}});
}

std::string ApplicationDetailJson(const Snapshot& snapshot, std::size_t index, const ApplicationContext& context) {
  const pipeline::ApplicationResult& application = snapshot.application(index);
  Json json = BriefJson(application, true);
  json["provisional"] = snapshot.is_provisional(index);
  json["application"] = RecordJson(snapshot.record(index));
  Json pairs = Json::array();
  if (const pipeline::NetworkView* network = snapshot.FlaggedNetwork(application.network_id)) {
    for (const pipeline::LinkedPairView& pair : network->linked_pairs) {
      if (pair.application_left == application.application_id || pair.application_right == application.application_id) {
        pairs.push_back(LinkedPairJson(pair));
      }
    }
  }
  json["linked_pairs"] = std::move(pairs);
  json["decisions"] = Json::array();
  for (const store::DecisionRow& decision : context.decisions) json["decisions"].push_back(DecisionObject(decision));
  json["alerts"] = Json::array();
  for (const NumberedAlert& alert : context.alerts) json["alerts"].push_back(AlertObject(alert));
  json["consortium"] = context.consortium ? FindingJson(*context.consortium) : Json();
  return Dump(json);
}

std::string PersonaJson(const Snapshot& snapshot, const std::string& persona_id, const std::vector<std::size_t>& members) {
  Json applications = Json::array();
  for (std::size_t index : members) applications.push_back(MemberJson(snapshot, index));
  const std::string& network_id = snapshot.application(members.front()).network_id;
  return Dump(Json{{"persona_id", persona_id}, {"network_id", network_id}, {"applications", std::move(applications)}});
}

std::string NetworkJson(const Snapshot& snapshot, const std::string& network_id, const std::vector<std::size_t>& members,
                        NetworkView view) {
  Json applications = Json::array();
  for (std::size_t index : members) {
    applications.push_back(MemberJson(snapshot, index));
    // The reasons are ~95 % of a big network's answer; a drawing shows levels and names only.
    if (view == NetworkView::kGraph) applications.back().erase("reasons");
  }
  Json json{{"network_id", network_id}, {"flagged", false}, {"applications", std::move(applications)}};
  if (const pipeline::NetworkView* network = snapshot.FlaggedNetwork(network_id)) {
    json["flagged"] = true;
    json["score"] = network->score;
    json["level"] = network->level;
    json["personas"] = network->personas;
    json["companies"] = network->companies;
    Json edges = Json::array();
    for (const pipeline::EdgeView& edge : network->edges) {
      edges.push_back({{"persona_left", edge.persona_left},
                       {"persona_right", edge.persona_right},
                       {"kind", edge.kind},
                       {"value", edge.value},
                       {"weight", edge.weight}});
    }
    json["edges"] = std::move(edges);
    json["omitted_edges"] = network->omitted_edges;
    if (view == NetworkView::kFull) {
      Json pairs = Json::array();
      for (const pipeline::LinkedPairView& pair : network->linked_pairs) pairs.push_back(LinkedPairJson(pair));
      json["linked_pairs"] = std::move(pairs);
    }
  }
  return Dump(json);
}

std::string QueueJson(const Snapshot& snapshot, const std::vector<std::size_t>& page, std::size_t total,
                      std::size_t offset, std::size_t limit) {
  Json items = Json::array();
  for (std::size_t index : page) {
    Json item = BriefJson(snapshot.application(index), false);
    item["provisional"] = snapshot.is_provisional(index);
    items.push_back(std::move(item));
  }
  return Dump(Json{{"total", total}, {"offset", offset}, {"limit", limit}, {"items", std::move(items)}});
}

std::string DecisionJson(const store::DecisionRow& decision, const Snapshot& rescored) {
  Json json = DecisionObject(decision);
  if (const std::optional<std::size_t> index = rescored.IndexOf(decision.application_id)) {
    json["result"] = BriefJson(rescored.application(*index), false);
    json["result"]["provisional"] = rescored.is_provisional(*index);
  }
  return Dump(json);
}

std::string AlertsJson(const std::vector<NumberedAlert>& alerts, std::int64_t after_id) {
  Json out = Json::array();
  for (const NumberedAlert& alert : alerts) {
    out.push_back(AlertObject(alert));
    after_id = alert.id;
  }
  return Dump(Json{{"alerts", std::move(out)}, {"next_after_id", after_id}});
}

std::string SigninsAnswerJson(std::size_t accepted, const std::vector<NumberedAlert>& raised, const IssueLog& issues) {
  Json alerts = Json::array();
  for (const NumberedAlert& alert : raised) alerts.push_back(AlertObject(alert));
  return Dump(Json{{"accepted", accepted},
                   {"rows_skipped", issues.CountBySeverity(IssueSeverity::kRowSkipped)},
                   {"issues", IssuesArray(issues)},
                   {"alerts", std::move(alerts)}});
}

std::string EmployeesAnswerJson(std::size_t accepted, const IssueLog& issues) {
  return Dump(Json{{"accepted", accepted},
                   {"rows_skipped", issues.CountBySeverity(IssueSeverity::kRowSkipped)},
                   {"issues", IssuesArray(issues)}});
}

std::string AuditJson(const std::vector<store::AuditRow>& rows, std::int64_t after_id) {
  Json out = Json::array();
  for (const store::AuditRow& row : rows) {
    out.push_back({{"id", row.id}, {"at", row.at}, {"who", row.who}, {"action", row.action}, {"detail", row.detail}});
    after_id = row.id;
  }
  return Dump(Json{{"rows", std::move(out)}, {"next_after_id", after_id}});
}

}  // namespace crosscheck::serve
