#include "crosscheck/pipeline/stix_personas.h"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

#include "crosscheck/common/strings.h"
#include "crosscheck/pipeline/application_input.h"

namespace crosscheck::pipeline {
namespace {

// AddOnce appends a non-empty value not listed yet.
template <class T>
void AddOnce(std::vector<T>& values, T value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(std::move(value));
}
void AddOnce(std::vector<std::string>& values, std::string value) {
  if (!value.empty()) AddOnce<std::string>(values, std::move(value));
}

// AddTokenValues lists the values SubmissionEncoder::AddTokens hashes for the identifiers a
// STIX export shares (the person's own: not addresses, birth dates or agencies).
void AddTokenValues(const NormalizedApplication& application, share::ConfirmedPersona& persona) {
  const auto add = [&](share::TokenKind kind, const std::string& value) {
    if (!value.empty()) AddOnce(persona.token_values, std::pair(kind, value));
  };
  add(share::TokenKind::kEmail, application.email);
  add(share::TokenKind::kPhone, application.phone_e164);
  add(share::TokenKind::kPayoutAccount, application.payout_account);
  add(share::TokenKind::kDevice, application.device_id);
  add(share::TokenKind::kLinkedin, application.linkedin);
  add(share::TokenKind::kGithub, application.github);
  add(share::TokenKind::kIp, application.ip_address);
}

}  // namespace

share::ConfirmedPersona DescribePersona(const std::string& persona_id, std::vector<ApplicationRecord> records,
                                        const ScanContext& context) {
  // By application id: the same persona reads the same whatever order its rows came in (a
  // node's provisional and resolved snapshots order them differently; a TAXII client paging
  // across both would see one object id with two contents).
  std::stable_sort(records.begin(), records.end(), [](const ApplicationRecord& left, const ApplicationRecord& right) {
    return left.application_id < right.application_id;
  });
  share::ConfirmedPersona persona;
  persona.persona_id = persona_id;
  IssueLog told;  // the scan (or the post that stored them) reported the rows' issues already
  const std::vector<NormalizedApplication> normalized =
      NormalizeWithIntel(records, context.intel, context.default_region, "export", told);
  for (std::size_t idx = 0; idx < records.size(); ++idx) {
    const ApplicationRecord& record = records[idx];
    const NormalizedApplication& application = normalized[idx];
    AddOnce(persona.application_ids, record.application_id);
    AddOnce(persona.names, std::string(TrimAscii(record.full_name)));
    AddOnce(persona.emails, ToLowerAscii(TrimAscii(record.email)));
    AddOnce(persona.ip_addresses, application.ip_address);
    if (!application.linkedin.empty()) AddOnce(persona.profile_urls, "https://www.linkedin.com/in/" + application.linkedin);
    if (!application.github.empty()) AddOnce(persona.profile_urls, "https://github.com/" + application.github);
    AddOnce(persona.phones, application.phone_e164);
    AddOnce(persona.payout_accounts, application.payout_account);
    AddOnce(persona.device_ids, application.device_id);
    AddTokenValues(application, persona);
  }
  return persona;
}

std::vector<share::ConfirmedPersona> FlaggedPersonas(const ScanResult& result,
                                                     const std::vector<ApplicationRecord>& records,
                                                     const ScanContext& context, const std::string& now) {
  // result.flagged_networks holds exactly the high and critical networks; a persona belongs to
  // one network.
  std::map<std::string, const NetworkView*> network_of;
  for (const NetworkView& network : result.flagged_networks) {
    for (const std::string& persona_id : network.personas) network_of.emplace(persona_id, &network);
  }
  // Rows are found by application id, not position: nothing then depends on the scan keeping
  // every row in order (an id given twice: its first row).
  std::unordered_map<std::string_view, const ApplicationRecord*> record_of;
  for (const ApplicationRecord& record : records) record_of.emplace(record.application_id, &record);
  std::map<std::string, std::vector<ApplicationRecord>> rows;  // by persona, in input order
  for (const ApplicationResult& application : result.applications) {
    const auto record = record_of.find(application.application_id);
    if (network_of.contains(application.persona_id) && record != record_of.end()) {
      rows[application.persona_id].push_back(*record->second);
    }
  }
  std::vector<share::ConfirmedPersona> personas;
  for (auto& [persona_id, persona_rows] : rows) {
    share::ConfirmedPersona persona = DescribePersona(persona_id, std::move(persona_rows), context);
    const NetworkView& network = *network_of.at(persona_id);
    persona.flagged_level = network.level;
    persona.network_id = network.network_id;
    persona.confirmed_by = "crosscheck scan";
    persona.confirmed_at = now;
    persona.note = "network " + network.network_id + " scored " + std::to_string(network.score);
    personas.push_back(std::move(persona));
  }
  return personas;
}

}  // namespace crosscheck::pipeline
