#include "crosscheck/hub/persona_linkage.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "crosscheck/common/application_source.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/common/union_find.h"

namespace crosscheck::hub {
namespace {

bool BirthsCompatible(const NormalizedApplication& a, const NormalizedApplication& b) {
  return !a.date_of_birth || !b.date_of_birth || *a.date_of_birth == *b.date_of_birth;
}

// The agency a record was submitted through ("agency:" + its hub token), or empty.
std::string_view AgencyOf(const NormalizedApplication& app) {
  return IsAgencySource(app.source) ? std::string_view(app.source) : std::string_view();
}

// Holder is one (name key, record) pair; sorted, each run is one key's holders (faster than
// hashing millions of strings).
struct Holder {
  std::uint64_t word;
  std::uint32_t app;
  bool skeleton;
  bool operator<(const Holder& other) const { return std::tie(word, app) < std::tie(other.word, other.app); }
};

// Per pair of records: shared part keys in the low 16 bits, shared skeleton keys above.
constexpr int kSkeletonUnit = 1 << 16;

// CountSharedParts counts, per pair of records, the part and skeleton keys they share. A big
// group is one heavy applier (hundreds of applications under one e-mail) or a shared inbox:
// every member is paired with the group's first kAnchors members only (the smallest record
// indexes, so the same anchors recur across a person's keys), not with all.
std::unordered_map<std::uint64_t, int> CountSharedParts(const std::vector<Holder>& part) {
  constexpr std::size_t kAnchors = 16;
  std::unordered_map<std::uint64_t, int> shared_parts;
  for (std::size_t begin = 0, end = 0; begin < part.size(); begin = end) {
    while (end < part.size() && part[end].word == part[begin].word) ++end;
    if (end - begin < 2) continue;
    const int unit = part[begin].skeleton ? kSkeletonUnit : 1;
    const std::size_t anchors = std::min<std::size_t>(end - begin, kAnchors);
    for (std::size_t left = begin; left < begin + anchors; ++left) {
      for (std::size_t right = left + 1; right < end; ++right) {
        shared_parts[(static_cast<std::uint64_t>(part[left].app) << 32) | part[right].app] += unit;
      }
    }
  }
  return shared_parts;
}

// AttachAgencyOnly applies the ties found only under an agency's shared contact details. A
// persona "has its own" when one of its records came without an agency (its own e-mail or
// phone, somewhere). A persona without, tied so to exactly one persona with, is that persona's
// (a front agency's submission of a known persona under a typo'd name); tied to several, or
// only to other agency-only personas, it stays apart. Two personas that each have their own are
// never joined this way: two candidates the agency submitted with one family name are not one
// person, and chains of such ties made one persona of an agency's whole roster.
void AttachAgencyOnly(const std::vector<const NormalizedApplication*>& apps,
                      const std::vector<std::pair<std::uint32_t, std::uint32_t>>& agency_ties, UnionFind& personas) {
  std::vector<char> has_own(apps.size(), 0);
  for (std::uint32_t app_idx = 0; app_idx < apps.size(); ++app_idx) {
    if (AgencyOf(*apps[app_idx]).empty()) has_own[personas.Find(app_idx)] = 1;
  }
  std::map<std::uint32_t, std::set<std::uint32_t>> owners_of;  // agency-only persona -> personas with their own
  for (const auto& [left, right] : agency_ties) {
    const std::uint32_t left_root = personas.Find(left), right_root = personas.Find(right);
    if (left_root == right_root || has_own[left_root] == has_own[right_root]) continue;
    if (has_own[left_root]) {
      owners_of[right_root].insert(left_root);
    } else {
      owners_of[left_root].insert(right_root);
    }
  }
  for (const auto& [agency_only, owners] : owners_of) {
    if (owners.size() == 1) personas.Union(agency_only, *owners.begin());
  }
}

}  // namespace

// One person's applications share a whole-name key (the same name under the same identifier),
// or two part keys (two name parts, or one part under two identifiers), or a part and two
// romanization skeletons (one part spelt alike, another with a vowel typo or another
// romanization: "Danial"/"Daniel", "Choe"/"Choi"); and their dates of birth do not differ. Two
// relatives sharing a phone share one part ("Smith") and its skeleton: not enough. Two records
// of one agency share its inbox, phone and office computer, so one family name under them is
// two or three part keys: for them only both name parts alike (a part and two skeletons) is
// enough, and fewer goes to AttachAgencyOnly.
std::vector<std::string> LinkPersonas(const std::vector<const NormalizedApplication*>& apps,
                                      const std::vector<const std::vector<NameWord>*>& words) {
  std::vector<Holder> whole, part;
  for (std::uint32_t app_idx = 0; app_idx < apps.size(); ++app_idx) {
    for (const NameWord& key : *words[app_idx]) {
      if (key.kind == 'f') whole.push_back({key.word, app_idx, false});
      if (key.kind == 'p' || key.kind == 's') part.push_back({key.word, app_idx, key.kind == 's'});
    }
  }
  std::sort(whole.begin(), whole.end());
  std::sort(part.begin(), part.end());
  UnionFind personas(apps.size());
  for (std::size_t idx = 1; idx < whole.size(); ++idx) {
    const Holder& previous = whole[idx - 1];
    const Holder& current = whole[idx];
    if (previous.word == current.word && BirthsCompatible(*apps[previous.app], *apps[current.app])) {
      personas.Union(previous.app, current.app);
    }
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> agency_ties;
  for (const auto& [pair, count] : CountSharedParts(part)) {
    const int parts = count % kSkeletonUnit, skeletons = count / kSkeletonUnit;
    const auto left = static_cast<std::uint32_t>(pair >> 32), right = static_cast<std::uint32_t>(pair);
    if (!(parts >= 2 || (parts >= 1 && skeletons >= 2)) || !BirthsCompatible(*apps[left], *apps[right])) continue;
    const std::string_view agency = AgencyOf(*apps[left]);
    if (!agency.empty() && agency == AgencyOf(*apps[right]) && !(parts >= 1 && skeletons >= 2)) {
      agency_ties.emplace_back(std::min(left, right), std::max(left, right));
    } else {
      personas.Union(left, right);
    }
  }
  AttachAgencyOnly(apps, agency_ties, personas);
  std::vector<std::string> smallest(apps.size());
  for (std::uint32_t app_idx = 0; app_idx < apps.size(); ++app_idx) {
    std::string& id = smallest[personas.Find(app_idx)];
    if (id.empty() || apps[app_idx]->application_id < id) id = apps[app_idx]->application_id;
  }
  std::vector<std::string> persona_ids(apps.size());
  for (std::uint32_t app_idx = 0; app_idx < apps.size(); ++app_idx) {
    persona_ids[app_idx] = "p" + smallest[personas.Find(app_idx)];  // PersonaLabel shows the handle part
  }
  return persona_ids;
}

}  // namespace crosscheck::hub
