#include "crosscheck/share/stix_bundle.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "crosscheck/share/encoder.h"
#include "crosscheck/share/keyed_hash.h"

namespace crosscheck::share {
namespace {

using Json = nlohmann::json;

// PatternLiteral quotes a value for a STIX pattern: backslash and single quote escaped.
std::string PatternLiteral(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

// Millis writes an ISO 8601 UTC time with milliseconds, as STIX wants created and modified
// ("2026-12-06T17:00:00Z" -> "2026-12-06T17:00:00.000Z").
std::string Millis(const std::string& at) {
  if (at.size() == 20 && at.back() == 'Z') return at.substr(0, 19) + ".000Z";
  return at;
}

// Indicator kinds: the object path of the pattern and the indicator's name.
struct IndicatorKind {
  const char* object_path;
  const char* what;
};

Json Indicator(const IndicatorKind& kind, const std::string& value, const ConfirmedPersona& persona,
               const std::string& identity) {
  const std::string pattern = std::string("[") + kind.object_path + " = " + PatternLiteral(value) + "]";
  return Json{{"type", "indicator"},
              {"spec_version", "2.1"},
              {"id", StixId("indicator", pattern)},
              {"created_by_ref", identity},
              {"created", Millis(persona.confirmed_at)},
              {"modified", Millis(persona.confirmed_at)},
              {"name", std::string(kind.what) + (persona.flagged_level.empty() ? " of a confirmed fraudulent applicant"
                                                                              : " of an applicant a scan flagged")},
              {"indicator_types", {"attribution"}},
              {"pattern", pattern},
              {"pattern_type", "stix"},
              {"pattern_version", "2.1"},
              {"valid_from", Millis(persona.confirmed_at)}};
}

Json Relationship(const std::string& source, const std::string& target, const std::string& identity,
                  const std::string& at) {
  return Json{{"type", "relationship"},      {"spec_version", "2.1"},
              {"id", StixId("relationship", source + " indicates " + target)},
              {"created_by_ref", identity},  {"created", Millis(at)},
              {"modified", Millis(at)},              {"relationship_type", "indicates"},
              {"source_ref", source},        {"target_ref", target}};
}

// Description says who called the persona fraud: a reviewer (and the note, unless keyed: a
// note is free text) or a scan.
std::string Description(const ConfirmedPersona& persona, bool keyed) {
  if (!persona.flagged_level.empty()) {
    return "Flagged " + persona.flagged_level + " by a crosscheck scan" + (persona.note.empty() ? "" : ": " + persona.note);
  }
  return "Confirmed as fraud by reviewer " + persona.confirmed_by +
         (persona.note.empty() || keyed ? "" : ": " + persona.note);
}

Json ThreatActor(const ConfirmedPersona& persona, const std::string& producer, const std::string& identity,
                 const BundleKeying* keying) {
  Json actor{{"type", "threat-actor"},
             {"spec_version", "2.1"},
             {"id", StixId("threat-actor", producer + "|" + persona.persona_id)},
             {"created_by_ref", identity},
             {"created", Millis(persona.confirmed_at)},
             {"modified", Millis(persona.confirmed_at)},
             {"name", "Fraudulent applicant persona " + persona.persona_id},
             {"description", Description(persona, keying != nullptr)},
             {"threat_actor_types", {"criminal"}},
             {"x_crosscheck_persona_id", persona.persona_id},
             {"x_crosscheck_application_ids", persona.application_ids}};
  if (keying != nullptr) {
    // The tokens a submission of the same rows holds (TokenHasher): a member with the key can
    // match its own applicants; nobody else learns a value.
    Json tokens = Json::object();
    for (const auto& [kind, value] : persona.token_values) {
      tokens[TokenKindName(kind)].push_back(TokenHex(TokenHasher(keying->key, kind, keying->epoch).Hash(value)));
    }
    actor["x_crosscheck_key_id"] = KeyId(keying->key);
    actor["x_crosscheck_epoch"] = keying->epoch;
    actor["x_crosscheck_tokens"] = std::move(tokens);
    return actor;
  }
  if (!persona.names.empty()) actor["aliases"] = persona.names;
  if (!persona.phones.empty()) actor["x_crosscheck_phones"] = persona.phones;
  if (!persona.payout_accounts.empty()) actor["x_crosscheck_payout_accounts"] = persona.payout_accounts;
  if (!persona.device_ids.empty()) actor["x_crosscheck_device_ids"] = persona.device_ids;
  return actor;
}

// NetworkReport is the report on one network (STIX 2.1 section 4.14), object_refs empty until
// the caller adds them; dated by its first persona. A report, not the grouping section 4.7
// would suggest: the official bundle schema (common/bundle.json) lists no grouping, and a
// grouping matches both of its branches for other types (core and cyber-observable-core), so
// every bundle holding one fails it.
Json NetworkReport(const ConfirmedPersona& persona, const std::string& producer, const std::string& identity) {
  return Json{{"type", "report"},
              {"spec_version", "2.1"},
              {"id", StixId("report", producer + "|" + persona.network_id)},
              {"created_by_ref", identity},
              {"created", Millis(persona.confirmed_at)},
              {"modified", Millis(persona.confirmed_at)},
              {"published", Millis(persona.confirmed_at)},
              {"name", "Network " + persona.network_id},
              {"description", "Applicant personas a crosscheck scan tied into one network (shared phones, payout "
                              "accounts, devices, photos, resumes...)"},
              {"report_types", {"threat-actor", "indicator"}},
              {"object_refs", Json::array()}};
}

}  // namespace

std::string StixId(const std::string& type, const std::string& name) {
  const std::string hex = HexSha256(type + "|" + name);
  std::string uuid = hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-5" + hex.substr(13, 3) + "-";
  static constexpr char kVariant[] = "89ab";
  uuid += kVariant[std::stoi(hex.substr(16, 1), nullptr, 16) & 3];
  uuid += hex.substr(17, 3) + "-" + hex.substr(20, 12);
  return type + "--" + uuid;
}

std::string RenderConfirmedFraudBundle(const std::vector<ConfirmedPersona>& personas, const std::string& producer,
                                       const std::string& now, const BundleKeying* keying) {
  const std::string identity = StixId("identity", producer);
  Json objects = Json::array();
  objects.push_back(Json{{"type", "identity"},
                         {"spec_version", "2.1"},
                         {"id", identity},
                         {"created", "2025-01-01T00:00:00.000Z"},
                         {"modified", "2025-01-01T00:00:00.000Z"},
                         {"name", producer},
                         {"identity_class", "organization"}});
  static constexpr IndicatorKind kEmail{"email-addr:value", "E-mail address"};
  static constexpr IndicatorKind kIpv4{"ipv4-addr:value", "IP address"};
  static constexpr IndicatorKind kIpv6{"ipv6-addr:value", "IP address"};
  static constexpr IndicatorKind kUrl{"url:value", "Profile URL"};
  std::set<std::string> indicator_ids;
  std::map<std::string, Json> groups;  // by network id
  for (const ConfirmedPersona& persona : personas) {
    Json actor = ThreatActor(persona, producer, identity, keying);
    const std::string actor_id = actor["id"];
    std::vector<std::string> refs{actor_id};  // this persona's objects, for its network's report
    objects.push_back(std::move(actor));
    const auto add = [&](const IndicatorKind& kind, const std::string& value) {
      Json indicator = Indicator(kind, value, persona, identity);
      const std::string indicator_id = indicator["id"];
      // Personas of one network share values (an IP, a device's address): one indicator per
      // pattern (its id is the pattern's), related to each persona; a second object with the
      // same id would be another version of it (STIX 2.1 section 3.6).
      if (indicator_ids.insert(indicator_id).second) objects.push_back(std::move(indicator));
      Json relationship = Relationship(indicator_id, actor_id, identity, persona.confirmed_at);
      refs.push_back(indicator_id);
      refs.push_back(relationship["id"]);
      objects.push_back(std::move(relationship));
    };
    if (keying == nullptr) {  // keyed: no indicator, every pattern would hold a raw value
      for (const std::string& email : persona.emails) add(kEmail, email);
      for (const std::string& ip : persona.ip_addresses) add(ip.find(':') == std::string::npos ? kIpv4 : kIpv6, ip);
      for (const std::string& url : persona.profile_urls) add(kUrl, url);
    }
    if (!persona.network_id.empty()) {
      Json& refs_of_group = groups.try_emplace(persona.network_id, NetworkReport(persona, producer, identity))
                                .first->second["object_refs"];
      for (const std::string& ref : refs) {
        if (std::find(refs_of_group.begin(), refs_of_group.end(), ref) == refs_of_group.end()) refs_of_group.push_back(ref);
      }
    }
  }
  for (auto& [network_id, group] : groups) objects.push_back(std::move(group));
  const Json bundle{{"type", "bundle"}, {"id", StixId("bundle", producer + "|" + now)}, {"objects", std::move(objects)}};
  return bundle.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace crosscheck::share
