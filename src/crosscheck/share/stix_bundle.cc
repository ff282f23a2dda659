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

Json Relationship(const std::string& source, const char* type, const std::string& target, const std::string& identity,
                  const std::string& at) {
  return Json{{"type", "relationship"},      {"spec_version", "2.1"},
              {"id", StixId("relationship", source + " " + type + " " + target)},
              {"created_by_ref", identity},  {"created", Millis(at)},
              {"modified", Millis(at)},      {"relationship_type", type},
              {"source_ref", source},        {"target_ref", target}};
}

// The cluster the public MISP galaxy names for the DPRK remote IT worker scheme, under the
// galaxy's own uuid so that MISP and OpenCTI merge it with theirs
// (../shared/research/consortium-service-scale.md section 4).
constexpr const char* kSchemeActorId = "threat-actor--09aa3edb-e956-43f0-9fcb-a3154b47d202";

Json SchemeActor() {
  return Json{{"type", "threat-actor"},
              {"spec_version", "2.1"},
              {"id", kSchemeActorId},
              {"created", "2025-01-01T00:00:00.000Z"},
              {"modified", "2025-01-01T00:00:00.000Z"},
              {"name", "WageMole"},
              {"description", "DPRK IT workers applying for remote jobs under stolen, borrowed or invented identities"},
              {"aliases", {"Famous Chollima", "UNC5267", "Wagemole", "Nickel Tapestry", "Storm-1877", "Void Dokkaebi",
                           "WaterPlum", "PurpleBravo"}},
              {"threat_actor_types", {"nation-state"}},
              {"external_references",
               Json::array({Json::object({{"source_name", "MISP galaxy threat-actor"},
                                          {"external_id", "09aa3edb-e956-43f0-9fcb-a3154b47d202"},
                                          {"url", "https://github.com/MISP/misp-galaxy/blob/main/clusters/threat-actor.json"}})})}};
}

// SchemeLink relates a persona to the scheme as suspected, not attributed: a flag or a
// confirmed fake applicant is evidence of the scheme's tradecraft, not of who ran it.
Json SchemeLink(const std::string& actor_id, const std::string& identity, const ConfirmedPersona& persona) {
  Json link = Relationship(actor_id, "related-to", kSchemeActorId, identity, persona.confirmed_at);
  link["description"] = "Suspected: applied with the tradecraft of the DPRK remote IT worker scheme";
  link["confidence"] = persona.flagged_level.empty() ? 70 : 40;
  return link;
}

// Sighting says the producer saw the persona: once per application it received.
Json Sighting(const std::string& actor_id, const std::string& identity, const ConfirmedPersona& persona) {
  return Json{{"type", "sighting"},
              {"spec_version", "2.1"},
              {"id", StixId("sighting", identity + " saw " + actor_id)},
              {"created_by_ref", identity},
              {"created", Millis(persona.confirmed_at)},
              {"modified", Millis(persona.confirmed_at)},
              {"sighting_of_ref", actor_id},
              {"where_sighted_refs", Json::array({identity})},
              {"count", std::max<std::size_t>(1, persona.application_ids.size())}};
}

// Description says who called the persona fraud: a reviewer (and the note, unless keyed: a
// note is free text), a scan or the hub.
std::string Description(const ConfirmedPersona& persona, bool keyed) {
  if (!persona.flagged_level.empty()) {
    return "Flagged " + persona.flagged_level + " by " + persona.flagged_by + (persona.note.empty() ? "" : ": " + persona.note);
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
    for (Json seen : std::vector<Json>{Sighting(actor_id, identity, persona), SchemeLink(actor_id, identity, persona)}) {
      refs.push_back(seen["id"]);
      objects.push_back(std::move(seen));
    }
    refs.push_back(kSchemeActorId);  // a report holds both ends of its relationships
    const auto add = [&](const IndicatorKind& kind, const std::string& value) {
      Json indicator = Indicator(kind, value, persona, identity);
      const std::string indicator_id = indicator["id"];
      // Personas of one network share values (an IP, a device's address): one indicator per
      // pattern (its id is the pattern's), related to each persona; a second object with the
      // same id would be another version of it (STIX 2.1 section 3.6).
      if (indicator_ids.insert(indicator_id).second) objects.push_back(std::move(indicator));
      Json relationship = Relationship(indicator_id, "indicates", actor_id, identity, persona.confirmed_at);
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
  if (!personas.empty()) objects.push_back(SchemeActor());
  for (auto& [network_id, group] : groups) objects.push_back(std::move(group));
  const Json bundle{{"type", "bundle"}, {"id", StixId("bundle", producer + "|" + now)}, {"objects", std::move(objects)}};
  return bundle.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace crosscheck::share
