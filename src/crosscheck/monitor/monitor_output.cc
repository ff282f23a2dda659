#include "crosscheck/monitor/monitor_output.h"

#include <system_error>

#include <nlohmann/json.hpp>

#include "crosscheck/common/csv_writer.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"

namespace crosscheck::monitor {

std::string AlertToJson(const SigninAlert& alert) {
  nlohmann::ordered_json json;
  json["code"] = alert.code;
  json["login"] = alert.login;
  json["application_id"] = alert.application_id;
  json["company_id"] = alert.company_id;
  json["at"] = alert.at_unix != 0 ? nlohmann::ordered_json(FormatTimestamp(alert.at_unix))
                                  : nlohmann::ordered_json(nullptr);
  json["message"] = alert.message;
  json["event_uuids"] = alert.event_uuids;
  json["ips"] = alert.ips;
  nlohmann::ordered_json times = nlohmann::ordered_json::array();
  for (std::int64_t time : alert.times) times.push_back(FormatTimestamp(time));
  json["times"] = std::move(times);
  json["other_logins"] = alert.other_logins;
  nlohmann::ordered_json measures = nlohmann::ordered_json::object();
  for (const auto& [name, value] : alert.measures) measures[name] = value;
  json["measures"] = std::move(measures);
  nlohmann::ordered_json facts = nlohmann::ordered_json::object();
  for (const auto& [name, value] : alert.facts) facts[name] = value;
  json["facts"] = std::move(facts);
  // Input strings are checked UTF-8 by the reader; replace rather than throw if one slipped by.
  return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Status WriteAccountsCsv(const std::filesystem::path& path, const std::vector<AccountReport>& accounts) {
  CC_ASSIGN_OR_RETURN(CsvWriter writer, CsvWriter::Open(path));
  writer.WriteRow({"login", "application_id", "company_id", "events", "score", "level", "reasons"});
  for (const AccountReport& account : accounts) {
    writer.WriteRow({account.login, account.application_id, account.company_id,
                     std::to_string(account.events), std::to_string(account.score), account.level,
                     JoinStrings(account.reasons, ";")});
  }
  return writer.Close();
}

}  // namespace crosscheck::monitor
