#include "crosscheck/share/stix_bundle.h"

#include <nlohmann/json.hpp>

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
              {"name", std::string(kind.what) + " of a confirmed fraudulent applicant"},
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

Json ThreatActor(const ConfirmedPersona& persona, const std::string& producer, const std::string& identity) {
  Json actor{{"type", "threat-actor"},
             {"spec_version", "2.1"},
             {"id", StixId("threat-actor", producer + "|" + persona.persona_id)},
             {"created_by_ref", identity},
             {"created", Millis(persona.confirmed_at)},
             {"modified", Millis(persona.confirmed_at)},
             {"name", "Fraudulent applicant persona " + persona.persona_id},
             {"description", "Confirmed as fraud by reviewer " + persona.confirmed_by +
                                 (persona.note.empty() ? "" : ": " + persona.note)},
             {"threat_actor_types", {"criminal"}},
             {"x_crosscheck_persona_id", persona.persona_id},
             {"x_crosscheck_application_ids", persona.application_ids}};
  if (!persona.names.empty()) actor["aliases"] = persona.names;
  if (!persona.phones.empty()) actor["x_crosscheck_phones"] = persona.phones;
  if (!persona.payout_accounts.empty()) actor["x_crosscheck_payout_accounts"] = persona.payout_accounts;
  if (!persona.device_ids.empty()) actor["x_crosscheck_device_ids"] = persona.device_ids;
  return actor;
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
                                       const std::string& now) {
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
  for (const ConfirmedPersona& persona : personas) {
    Json actor = ThreatActor(persona, producer, identity);
    const std::string actor_id = actor["id"];
    objects.push_back(std::move(actor));
    const auto add = [&](const IndicatorKind& kind, const std::string& value) {
      Json indicator = Indicator(kind, value, persona, identity);
      Json relationship = Relationship(indicator["id"], actor_id, identity, persona.confirmed_at);
      objects.push_back(std::move(indicator));
      objects.push_back(std::move(relationship));
    };
    for (const std::string& email : persona.emails) add(kEmail, email);
    for (const std::string& ip : persona.ip_addresses) add(ip.find(':') == std::string::npos ? kIpv4 : kIpv6, ip);
    for (const std::string& url : persona.profile_urls) add(kUrl, url);
  }
  const Json bundle{{"type", "bundle"}, {"id", StixId("bundle", producer + "|" + now)}, {"objects", std::move(objects)}};
  return bundle.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace crosscheck::share
