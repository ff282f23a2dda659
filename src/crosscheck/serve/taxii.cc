#include "crosscheck/serve/taxii.h"

#include <algorithm>
#include <charconv>
#include <tuple>

#include <nlohmann/json.hpp>

#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"
#include "crosscheck/serve/internal/http_support.h"
#include "crosscheck/share/stix_bundle.h"

namespace crosscheck::serve {
namespace {

using internal::JsonNestsDeeperThan;
using Json = nlohmann::json;
using Instant = std::pair<std::int64_t, int>;  // unix seconds, milliseconds

constexpr char kStixMediaType[] = "application/stix+json;version=2.1";

std::string Text(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n"; }

std::optional<Instant> ParseInstant(std::string_view text) {
  int millis = 0;
  const std::optional<std::int64_t> seconds = ParseTimestamp(text, &millis);
  if (!seconds) return std::nullopt;
  return Instant{*seconds, millis};
}

// SplitList adds the comma-separated values of one filter (section 3.5: "match[type]=a,b").
void SplitList(std::string_view text, std::vector<std::string>& values) {
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view value = TrimAscii(text.substr(start, comma - start));
    if (!value.empty()) values.emplace_back(value);
    start = comma + 1;
  }
}

// Entry is one object of the collection with the key pages are ordered and resumed by.
struct Entry {
  Instant added;
  std::string date_added;  // as the object's created reads
  std::string id;
  const Json* object;
};

bool Before(const Instant& added, const std::string& id, const Entry& entry) {
  return std::tie(added, id) < std::tie(entry.added, entry.id);
}

// ParseNext reads a `next` token: "<date_added>|<id>" of the last object of a page.
std::optional<std::pair<Instant, std::string>> ParseNext(const std::string& next) {
  const std::size_t bar = next.find('|');
  if (bar == std::string::npos || bar + 1 == next.size()) return std::nullopt;
  const std::optional<Instant> added = ParseInstant(std::string_view(next).substr(0, bar));
  if (!added) return std::nullopt;
  return std::pair(*added, next.substr(bar + 1));
}

bool Listed(const std::vector<std::string>& wanted, const std::string& value) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

// MatchesVersion applies match[version]: every object here has one version (its modified),
// so last, first and all keep it, and a timestamp keeps the object modified then.
bool MatchesVersion(const std::vector<std::string>& versions, const Json& object) {
  if (versions.empty()) return true;
  const std::optional<Instant> modified = ParseInstant(object.value("modified", object.value("created", "")));
  for (const std::string& version : versions) {
    if (version == "last" || version == "first" || version == "all") return true;
    if (modified && ParseInstant(version) == modified) return true;
  }
  return false;
}

bool Matches(const TaxiiQuery& query, const Json& object) {
  return Listed(query.types, object.value("type", "")) && Listed(query.ids, object.value("id", "")) &&
         Listed(query.spec_versions, object.value("spec_version", "2.1")) && MatchesVersion(query.versions, object);
}

}  // namespace

bool AcceptsTaxii(std::string_view accept) {
  if (TrimAscii(accept).empty()) return true;
  for (std::size_t start = 0; start <= accept.size();) {
    const std::size_t comma = std::min(accept.find(',', start), accept.size());
    const std::string range = ToLowerAscii(accept.substr(start, comma - start));
    start = comma + 1;
    std::vector<std::string> parts;
    for (std::size_t from = 0; from <= range.size();) {
      const std::size_t semicolon = std::min(range.find(';', from), range.size());
      parts.emplace_back(TrimAscii(std::string_view(range).substr(from, semicolon - from)));
      from = semicolon + 1;
    }
    if (parts[0] == "*/*" || parts[0] == "application/*") return true;
    if (parts[0] != "application/taxii+json") continue;
    const bool other_version = std::any_of(parts.begin() + 1, parts.end(), [](const std::string& parameter) {
      return parameter.starts_with("version=") && parameter != "version=2.1";
    });
    if (!other_version) return true;
  }
  return false;
}

Result<TaxiiQuery> ParseTaxiiQuery(const std::multimap<std::string, std::string>& params) {
  TaxiiQuery query;
  for (const auto& [name, value] : params) {
    if (name == "limit") {
      std::size_t limit = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), limit);
      if (error != std::errc() || end != value.data() + value.size() || limit == 0) {
        return InvalidInput("limit must be a positive integer, not '" + value + "'");
      }
      query.limit = std::min(limit, kTaxiiMaxPage);
    } else if (name == "next") {
      if (!ParseNext(value)) return InvalidInput("next '" + value + "' was not given by this server");
      query.next = value;
    } else if (name == "added_after") {
      query.added_after = ParseInstant(value);
      if (!query.added_after) return InvalidInput("added_after must be an RFC 3339 time, not '" + value + "'");
    } else if (name == "match[type]") {
      SplitList(value, query.types);
    } else if (name == "match[id]") {
      SplitList(value, query.ids);
    } else if (name == "match[version]") {
      SplitList(value, query.versions);
    } else if (name == "match[spec_version]") {
      SplitList(value, query.spec_versions);
    } else if (name.starts_with("match[")) {
      return InvalidInput("unknown filter " + name + " (match[type], match[id], match[version], match[spec_version])");
    }
  }
  return query;
}

Result<TaxiiPage> TaxiiObjectsPage(std::string_view bundle, const TaxiiQuery& query, TaxiiView view) {
  const Json parsed = Json::parse(bundle, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("objects") || !parsed["objects"].is_array()) {
    return InvalidInput("not a STIX bundle");
  }
  std::vector<Entry> entries;
  for (const Json& object : parsed["objects"]) {
    if (!object.is_object() || !Matches(query, object)) continue;
    const std::string created = object.value("created", "");
    const std::optional<Instant> added = ParseInstant(created);
    if (!added) continue;  // every object the exporter renders has one
    if (query.added_after && *added <= *query.added_after) continue;
    entries.push_back(Entry{*added, created, object.value("id", ""), &object});
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry& left, const Entry& right) { return Before(left.added, left.id, right); });
  auto from = entries.begin();
  if (!query.next.empty()) {
    const std::optional<std::pair<Instant, std::string>> after = ParseNext(query.next);
    if (!after) return InvalidInput("next '" + query.next + "' was not given by this server");
    from = std::upper_bound(entries.begin(), entries.end(), *after, [](const auto& key, const Entry& entry) {
      return Before(key.first, key.second, entry);
    });
  }
  const std::size_t left = static_cast<std::size_t>(entries.end() - from);
  const auto to = from + static_cast<std::ptrdiff_t>(std::min(left, query.limit));
  TaxiiPage page;
  Json body{{"more", to != entries.end()}};
  Json listed = Json::array();
  for (auto entry = from; entry != to; ++entry) {
    if (view == TaxiiView::kObjects) {
      listed.push_back(*entry->object);
    } else {
      listed.push_back(Json{{"id", entry->id},
                            {"date_added", entry->date_added},
                            {"version", entry->object->value("modified", entry->date_added)},
                            {"media_type", kStixMediaType}});
    }
  }
  if (from != to) {
    page.count = static_cast<std::size_t>(to - from);
    page.first_added = from->date_added;
    page.last_added = (to - 1)->date_added;
    body["objects"] = std::move(listed);
    if (to != entries.end()) body["next"] = page.last_added + "|" + (to - 1)->id;
  }
  page.body = Text(body);
  return page;
}

std::string TaxiiUuid(const std::string& name) {
  const std::string id = share::StixId("x-crosscheck-collection", name);
  return id.substr(id.find("--") + 2);
}

std::string TaxiiCollectionId(const std::string& organization) { return TaxiiUuid("confirmed fraud|" + organization); }

std::string TaxiiDiscoveryJson(const std::string& title, const std::string& description,
                               const std::string& api_root_url) {
  return Text(Json{{"title", title}, {"description", description}, {"default", api_root_url}, {"api_roots", {api_root_url}}});
}

std::string TaxiiApiRootJson(const std::string& title, std::size_t max_content_length) {
  return Text(Json{{"title", title}, {"versions", {kTaxiiMediaType}}, {"max_content_length", max_content_length}});
}

namespace {
Json Collection(const TaxiiCollectionInfo& collection) {
  return Json{{"id", collection.id},
              {"title", collection.title},
              {"description", collection.description},
              {"can_read", collection.can_read},
              {"can_write", collection.can_write},
              {"media_types", {kStixMediaType}}};
}

Json Details(const std::vector<TaxiiStatusDetail>& details) {
  Json listed = Json::array();
  for (const TaxiiStatusDetail& detail : details) {
    Json entry{{"id", detail.id}, {"version", detail.version}};
    if (!detail.message.empty()) entry["message"] = detail.message;
    listed.push_back(std::move(entry));
  }
  return listed;
}

// VersionOf is an object's version as TAXII names it (section 3.3): modified, else created,
// else (an object that has neither, such as a 2.0 marking) empty.
std::string VersionOf(const Json& object) {
  for (const char* field : {"modified", "created"}) {
    if (object.contains(field) && object[field].is_string()) return object[field].get<std::string>();
  }
  return "";
}
}  // namespace

std::string TaxiiCollectionJson(const TaxiiCollectionInfo& collection) { return Text(Collection(collection)); }

std::string TaxiiCollectionsJson(const std::vector<TaxiiCollectionInfo>& collections) {
  Json listed = Json::array();
  for (const TaxiiCollectionInfo& collection : collections) listed.push_back(Collection(collection));
  return Text(Json{{"collections", std::move(listed)}});
}

Result<TaxiiEnvelopeObjects> ParseTaxiiEnvelope(std::string_view body, int max_depth) {
  if (JsonNestsDeeperThan(body, max_depth)) {
    return InvalidInput("the body nests JSON deeper than " + std::to_string(max_depth) + " levels");
  }
  Json parsed;
  try {
    parsed = Json::parse(body);
  } catch (const Json::parse_error& error) {
    return InvalidInput(std::string("the body is not JSON: ") + error.what());
  }
  if (!parsed.is_object() || !parsed.contains("objects") || !parsed["objects"].is_array()) {
    return InvalidInput(R"(the body is not a TAXII envelope: expected {"objects": [STIX objects]})");
  }
  TaxiiEnvelopeObjects kept;
  Json objects = Json::array();
  for (Json& object : parsed["objects"]) {
    const bool named = object.is_object() && object.contains("type") && object["type"].is_string() &&
                       object.contains("id") && object["id"].is_string();
    if (!named) {
      const std::string id = object.is_object() && object.contains("id") && object["id"].is_string() ? object["id"].get<std::string>() : "";
      kept.failures.push_back({id, "", "not a STIX object: it needs a string type and id"});
      continue;
    }
    kept.accepted.push_back({object["id"].get<std::string>(), VersionOf(object), ""});
    objects.push_back(std::move(object));
  }
  kept.objects = Text(objects);
  return kept;
}

std::string TaxiiStatusJson(const TaxiiStatus& status) {
  Json counts = Json::object();
  for (const auto& [name, count] : status.import_counts) counts[name] = count;
  counts["summary"] = status.import_summary;
  counts["issues"] = status.import_issues;
  return Text(Json{{"id", status.id},
                   {"status", "complete"},
                   {"request_timestamp", status.request_timestamp},
                   {"total_count", status.successes.size() + status.failures.size()},
                   {"success_count", status.successes.size()},
                   {"successes", Details(status.successes)},
                   {"failure_count", status.failures.size()},
                   {"failures", Details(status.failures)},
                   {"pending_count", 0},
                   {"x_crosscheck_import", std::move(counts)}});
}

std::string TaxiiErrorJson(int http_status, const std::string& title, const std::string& description) {
  return Text(Json{{"title", title}, {"description", description}, {"http_status", std::to_string(http_status)}});
}

}  // namespace crosscheck::serve
