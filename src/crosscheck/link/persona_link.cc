#include "crosscheck/link/persona_link.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "crosscheck/common/application_source.h"
#include "crosscheck/common/check.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/common/union_find.h"
#include "crosscheck/common/time.h"
#include "crosscheck/link/internal/parallel.h"
#include "crosscheck/link/internal/radix_sort.h"

namespace crosscheck::link {
namespace {

constexpr const char* kNameField = "full_name";
// Chaining oversized blocks: a few neighbours keep a heavy applier's applications connected;
// blocks past a few thousand records are values like a country, not one person.
constexpr std::size_t kWindowedNeighbours = 16;
constexpr std::size_t kMaxWindowedBlockSize = 5000;
// scan's report shows at most 200 linked pairs per network; explaining more is wasted.
constexpr std::size_t kExplainedLinksPerPersona = 200;

std::vector<std::string> PersonaValues(const NormalizedApplication& app) {
  // The normalizer's tokens have nicknames mapped to formal names; order does not matter to
  // the full-name comparator.
  return {app.name.tokens.empty() ? app.name.full : JoinStrings(app.name.tokens, " "),
          app.email,
          app.phone_e164.empty() ? app.phone_digits : app.phone_e164,  // compared by the last nine digits
          app.date_of_birth ? FormatDate(*app.date_of_birth) : std::string(),
          app.street,
          app.city,
          app.postal_code,
          app.country,
          app.national_id,
          app.linkedin,
          app.github};
}

}  // namespace

std::vector<FieldSpec> PersonaFields() {
  return {{kNameField, FieldType::kFullName},      {"email", FieldType::kEmail},
          {"phone", FieldType::kPhone},            {"date_of_birth", FieldType::kDate},
          {"street", FieldType::kStreet},          {"city", FieldType::kCity},
          {"postal_code", FieldType::kPostalCode}, {"country", FieldType::kState},
          {"national_id", FieldType::kIdentifier}, {"linkedin", FieldType::kIdentifier},
          {"github", FieldType::kIdentifier}};
}

PairExplanation PersonaLinkResult::Explain(std::size_t left, std::size_t right) const {
  return engine ? engine->Explain(record_of[left], record_of[right]) : PairExplanation{};
}

namespace {

// PersonaTable holds apps' values for `fields` (indexes into PersonaFields()) in canonical
// (id) order; record_of maps an application to its record, app_of the reverse.
struct PersonaTable {
  RecordTable table;
  std::vector<std::size_t> record_of;
  std::vector<std::size_t> app_of;
};

// ClearAgencyContacts takes the e-mail and phone of the applications a staffing agency
// submitted for what they are where that agency alone put the value on candidates of several
// names: the agency's inbox or office line, not a candidate's. Linked on them, an agency
// office's candidates became one heavy applier (69-185 people of one office in one persona on
// the adversarial worlds at scale 2: docs/PERFORMANCE.md, issue 13, session 14). A value also
// found on an application the agency did not submit is someone's own (a heavy applier who
// sometimes goes through an agency under name variants keeps his links). The office line is
// left out; the inbox stays as the inbox under this name ("<name>#" before its local part), so
// one candidate's applications through the agency still meet on it while two candidates' do
// not. The network stage explains the same sharing (graph::AgencyMayShare).
void ClearAgencyContacts(const std::vector<NormalizedApplication>& apps, std::vector<std::vector<std::string>>& values) {
  constexpr std::size_t kName = 0;
  constexpr std::size_t kEmailField = 1;
  constexpr std::size_t kContactFields[] = {kEmailField, 2};  // email, phone in PersonaValues
  struct Holders {
    std::string_view agency;  // the first holder's source
    std::string_view name;    // and name
    bool many_names = false;
    bool beyond_agency = false;  // held by an application this agency did not submit
  };
  std::unordered_map<std::string, Holders> by_value;  // field, value
  const auto key = [&](std::size_t app_idx, std::size_t field) {
    return static_cast<char>('0' + field) + values[app_idx][field];
  };
  // Each agency-submitted value's holders, by (application, field): map nodes do not move.
  std::vector<std::tuple<std::size_t, std::size_t, const Holders*>> submitted_values;
  std::vector<char> submitted(apps.size());
  for (std::size_t app_idx = 0; app_idx < apps.size(); ++app_idx) {
    submitted[app_idx] = IsAgencySource(apps[app_idx].source);
    if (!submitted[app_idx]) continue;
    for (std::size_t field : kContactFields) {
      if (values[app_idx][field].empty()) continue;
      const std::string_view name = values[app_idx][kName];
      const auto [holders, first] = by_value.try_emplace(key(app_idx, field), Holders{apps[app_idx].source, name});
      submitted_values.emplace_back(app_idx, field, &holders->second);
      if (first) continue;
      holders->second.many_names |= holders->second.name != name;
      holders->second.beyond_agency |= !EqualsIgnoreCaseAscii(holders->second.agency, apps[app_idx].source);
    }
  }
  if (by_value.empty()) return;
  for (std::size_t app_idx = 0; app_idx < apps.size(); ++app_idx) {
    if (submitted[app_idx]) continue;
    for (std::size_t field : kContactFields) {
      if (values[app_idx][field].empty()) continue;
      if (const auto holders = by_value.find(key(app_idx, field)); holders != by_value.end()) {
        holders->second.beyond_agency = true;
      }
    }
  }
  for (const auto& [app_idx, field, holders] : submitted_values) {
    if (!holders->many_names || holders->beyond_agency) continue;
    std::string& value = values[app_idx][field];
    value = field == kEmailField ? values[app_idx][kName] + '#' + value : std::string();
  }
}

// AllPersonaValues is PersonaValues of every application, on up to `threads` threads, less the
// contact values agencies share (ClearAgencyContacts).
std::vector<std::vector<std::string>> AllPersonaValues(const std::vector<NormalizedApplication>& apps,
                                                       unsigned threads) {
  std::vector<std::vector<std::string>> values(apps.size());
  internal::RunChunks(apps.size(), 8192, threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t app_idx = begin; app_idx < end; ++app_idx) values[app_idx] = PersonaValues(apps[app_idx]);
  });
  ClearAgencyContacts(apps, values);
  return values;
}

PersonaTable MakePersonaTable(const std::vector<NormalizedApplication>& apps, std::vector<std::vector<std::string>> values,
                              const std::vector<std::size_t>& fields, unsigned threads) {
  const std::vector<FieldSpec> all_fields = PersonaFields();
  PersonaTable made;
  made.table.sources = {"applications"};
  for (std::size_t field_idx : fields) made.table.fields.push_back(all_fields[field_idx]);
  // Ids: the application id, made unique if repeated; records in canonical (id) order.
  std::unordered_map<std::string_view, int> seen;
  seen.reserve(apps.size());
  std::vector<std::string> ids(apps.size());
  for (std::size_t app_idx = 0; app_idx < apps.size(); ++app_idx) {
    ids[app_idx] = apps[app_idx].application_id;
    if (int repeats = seen[apps[app_idx].application_id]++; repeats > 0) ids[app_idx] += "#" + std::to_string(repeats);
  }
  std::vector<std::size_t> order(apps.size());
  std::iota(order.begin(), order.end(), 0);
  // Ids are unique, so the order is total and does not depend on the thread count.
  internal::ParallelSort(order, [&](std::size_t a, std::size_t b) { return ids[a] < ids[b]; }, threads);
  made.record_of.resize(apps.size());
  made.app_of.resize(apps.size());
  for (std::size_t position = 0; position < order.size(); ++position) {
    made.record_of[order[position]] = position;
    made.app_of[position] = order[position];
  }
  made.table.records.resize(apps.size());
  internal::RunChunks(apps.size(), 8192, threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t position = begin; position < end; ++position) {
      Record& record = made.table.records[position];
      const std::size_t app_idx = order[position];
      record.id = std::move(ids[app_idx]);
      record.values.reserve(fields.size());
      for (std::size_t field_idx : fields) record.values.push_back(std::move(values[app_idx][field_idx]));
    }
  });
  return made;
}

// PersonaId turns a cluster id into a persona id ("c..." -> "p...").
std::string PersonaId(std::string cluster_id) {
  cluster_id[0] = 'p';
  return cluster_id;
}

}  // namespace

Result<PersonaLinkResult> LinkApplications(const std::vector<NormalizedApplication>& apps,
                                           const LinkOptions& options) {
  PersonaLinkResult result;
  if (apps.empty()) return result;
  // Fields no application fills carry no evidence; leave them out of the model.
  const std::vector<FieldSpec> all_fields = PersonaFields();
  std::vector<std::vector<std::string>> values = AllPersonaValues(apps, options.threads);
  std::vector<std::size_t> used_fields;
  for (std::size_t field_idx = 0; field_idx < all_fields.size(); ++field_idx) {
    const bool any = std::any_of(values.begin(), values.end(),
                                 [&](const auto& row) { return !row[field_idx].empty(); });
    if (any || all_fields[field_idx].name == kNameField) used_fields.push_back(field_idx);
  }
  PersonaTable made = MakePersonaTable(apps, std::move(values), used_fields, options.threads);
  RecordTable& table = made.table;
  result.record_of = std::move(made.record_of);
  const std::vector<std::size_t>& app_of = made.app_of;
  LinkOptions persona_options = options;
  persona_options.veto_fields.push_back(kNameField);
  // One person may file hundreds of applications with the same e-mail or phone: such a block
  // is too big to compare all pairs but is not a generic value, so chain it (see
  // BlockingOptions); the name veto and the scorer keep different people sharing it apart.
  if (persona_options.blocking.windowed_neighbours == 0) {
    persona_options.blocking.windowed_neighbours = kWindowedNeighbours;
    persona_options.blocking.max_windowed_block_size = kMaxWindowedBlockSize;
    // Splitting over-cap blocks (block_splitting.h) is for common names shared by many
    // people; a heavy applier's blocks are one person, and splitting his address block by
    // his e-mail gave thousands of his own pairs to one rule's training session: he fell
    // into 31 personas (KeepsAHeavyApplierTogether) and the default world's persona F1 fell
    // 0.9918 -> 0.9913. Chaining already keeps him together.
    persona_options.blocking.max_split_block_size = 0;
    // Nearest-neighbour rules (nearest_blocks.h) are for names corrupted past every key; an
    // applicant types his own name, and the live index could not apply them.
    persona_options.blocking.nearest_rules = 0;
  }
  // A persona is the records one name links; a record attached by its persona mates' other
  // values (lone_records.h) could be a relative sharing the household's.
  persona_options.attach_lone_records = false;
  // The engine consumes the table's strings (it keeps its own interned copy).
  CC_ASSIGN_OR_RETURN(LinkEngine engine, LinkEngine::Run(std::move(table), persona_options));

  result.persona_ids.resize(apps.size());
  for (std::size_t app_idx = 0; app_idx < apps.size(); ++app_idx) {
    result.persona_ids[app_idx] = PersonaId(engine.cluster_ids()[result.record_of[app_idx]]);
  }
  // Links in (left, right) application order. A PersonaLink carries a waterfall, so the
  // order is sorted as small keys first and the links built once, in place.
  struct LinkKey {
    std::uint32_t left;
    std::uint32_t right;
    std::uint32_t pair_idx;
  };
  const std::vector<ScoredPair>& pairs = engine.pairs();
  std::vector<LinkKey> keys;
  keys.reserve(pairs.size());
  for (std::size_t pair_idx = 0; pair_idx < pairs.size(); ++pair_idx) {
    const auto left = static_cast<std::uint32_t>(app_of[pairs[pair_idx].left]);
    const auto right = static_cast<std::uint32_t>(app_of[pairs[pair_idx].right]);
    keys.push_back({std::min(left, right), std::max(left, right), static_cast<std::uint32_t>(pair_idx)});
  }
  const int index_bits = std::bit_width(apps.size());
  internal::RadixSortByKey(keys, [index_bits](const LinkKey& key) {
    return (static_cast<std::uint64_t>(key.left) << index_bits) | key.right;
  });
  result.links.resize(keys.size());
  for (std::size_t link_idx = 0; link_idx < keys.size(); ++link_idx) {
    PersonaLink& link = result.links[link_idx];
    link.left = keys[link_idx].left;
    link.right = keys[link_idx].right;
    link.match_probability = pairs[keys[link_idx].pair_idx].probability;
    link.match_weight = pairs[keys[link_idx].pair_idx].weight;
  }
  if (options.explain_links) {
    // A waterfall allocates a dozen strings; a heavy applier has thousands of linked pairs
    // and nobody reads them all. Each persona's first links (in order) are explained.
    std::unordered_map<std::uint32_t, std::size_t> explained;
    std::vector<std::size_t> to_explain;
    for (std::size_t link_idx = 0; link_idx < result.links.size(); ++link_idx) {
      const PersonaLink& link = result.links[link_idx];
      const std::uint32_t cluster = engine.cluster_of()[result.record_of[link.left]];
      if (cluster != engine.cluster_of()[result.record_of[link.right]]) continue;
      if (explained[cluster]++ < kExplainedLinksPerPersona) to_explain.push_back(link_idx);
    }
    result.explained.resize(to_explain.size());
    internal::RunChunks(to_explain.size(), 4096, options.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
      for (std::size_t idx = begin; idx < end; ++idx) {
        const PersonaLink& link = result.links[to_explain[idx]];
        result.explained[idx].link = to_explain[idx];
        result.explained[idx].explanation =
            engine.Explain(result.record_of[link.left], result.record_of[link.right]);
      }
    });
  }
  result.engine.emplace(std::move(engine));
  return result;
}

}  // namespace crosscheck::link

namespace crosscheck::link {
namespace {

// ModelFieldIndexes maps a trained persona model's fields to PersonaFields() indexes.
Result<std::vector<std::size_t>> ModelFieldIndexes(const LinkModel& model) {
  const std::vector<FieldSpec> all_fields = PersonaFields();
  std::vector<std::size_t> fields;
  for (const FieldParameters& field : model.fields) {
    const auto found = std::find_if(all_fields.begin(), all_fields.end(),
                                    [&](const FieldSpec& spec) { return spec.name == field.spec.name; });
    if (found == all_fields.end()) return InvalidInput("model field '" + field.spec.name + "' is not a persona field");
    fields.push_back(static_cast<std::size_t>(found - all_fields.begin()));
  }
  return fields;
}

}  // namespace

Result<std::vector<std::string>> JoinPersonas(const std::vector<NormalizedApplication>& apps, std::size_t arrivals,
                                              const std::vector<std::string>& known, const LinkModel& model) {
  CC_CHECK(arrivals <= apps.size() && known.size() == apps.size()) << "JoinPersonas: " << arrivals << " of " << apps.size();
  if (arrivals == 0) return known;
  CC_ASSIGN_OR_RETURN(const std::vector<std::size_t> fields, ModelFieldIndexes(model));
  LinkOptions options;
  options.threads = 1;  // a request's few thousand records: threads cost more than they save
  const PersonaTable made = MakePersonaTable(apps, AllPersonaValues(apps, options.threads), fields, options.threads);
  CC_ASSIGN_OR_RETURN(const LinkEngine engine, LinkEngine::WithModel(made.table, model, options));
  const MatchScorer& scorer = engine.scorer();

  UnionFind groups(arrivals);  // arrivals that link are one person
  struct Strongest {
    double weight = -std::numeric_limits<double>::infinity();
    std::size_t app = static_cast<std::size_t>(-1);
  };
  std::vector<Strongest> strongest(arrivals);  // each arrival's strongest link to a resolved one
  for (std::size_t arrival = 0; arrival < arrivals; ++arrival) {
    for (std::size_t other = arrival + 1; other < apps.size(); ++other) {
      double weight = 0;
      if (scorer.Judge(made.record_of[arrival], made.record_of[other], &weight).probability < model.threshold) continue;
      if (other < arrivals) {
        groups.Union(static_cast<std::uint32_t>(arrival), static_cast<std::uint32_t>(other));
      } else if (weight > strongest[arrival].weight) {
        strongest[arrival] = {weight, other};
      }
    }
  }
  // A group takes the persona of its members' strongest link, else the id LinkApplications
  // would give it: from its smallest record id.
  std::unordered_map<std::size_t, Strongest> group_link;
  std::unordered_map<std::size_t, std::size_t> group_first;  // smallest canonical record
  for (std::size_t arrival = 0; arrival < arrivals; ++arrival) {
    const std::size_t group = groups.Find(static_cast<std::uint32_t>(arrival));
    Strongest& link = group_link[group];
    if (strongest[arrival].weight > link.weight) link = strongest[arrival];
    auto [first, inserted] = group_first.emplace(group, made.record_of[arrival]);
    if (!inserted) first->second = std::min(first->second, made.record_of[arrival]);
  }
  std::vector<std::string> persona_ids = known;
  for (std::size_t arrival = 0; arrival < arrivals; ++arrival) {
    const std::size_t group = groups.Find(static_cast<std::uint32_t>(arrival));
    const Strongest& link = group_link[group];
    persona_ids[arrival] = link.app != static_cast<std::size_t>(-1)
                               ? known[link.app]
                               : PersonaId(StableClusterId("applications", made.table.records[group_first[group]].id));
  }
  return persona_ids;
}

}  // namespace crosscheck::link
