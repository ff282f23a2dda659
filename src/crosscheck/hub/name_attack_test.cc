// The frequency attack on keyed name encodings (Christen, Schnell et al.; Vidanage et al. 2020
// on NCVR), run against the name keys the hub receives. The attacker ranks encoded values by how
// many records carry them, ranks a public list of plaintext names by how many people carry them,
// and pairs the two lists rank by rank. Against an unbound keyed hash of a name this recovers the
// common names; our name keys are bound to one identifier of the application each
// (SubmissionEncoder), so a key is as rare as its identifier and the ranking says nothing about
// the name. The figures printed here are the ones quoted in docs/PRIVACY.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"
#include "crosscheck/graph/name_match.h"
#include "crosscheck/hub/testing/simulated_world.h"
#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/normalize/application_normalizer.h"
#include "crosscheck/share/consortium_record.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/keyed_hash.h"
#include "crosscheck/simulate/world.h"

namespace crosscheck::hub {
namespace {

namespace fs = std::filesystem;
using share::NameKeyKind;
using share::Token;
using share::TokenKind;

constexpr const char* kEpoch = "attack";

struct TokenHash {
  std::size_t operator()(const Token& token) const {
    std::uint64_t word;
    std::memcpy(&word, token.data(), sizeof word);
    return static_cast<std::size_t>(word);
  }
};

// Label is the plaintext the attacker tries to recover for a form: the part for a part key,
// the form itself for a whole-name key (the attacker's list holds every whole-name form).
std::string Label(const share::NameForm& form) { return form.form; }

// KeyedApp is what one application shows the attacker for one key kind: each distinct key with
// the plaintext it truly stands for in this application.
using KeyedApp = std::vector<std::pair<Token, std::string>>;

struct AttackResult {
  std::size_t keys = 0;              // distinct keys the hub sees
  std::size_t keys_recovered = 0;    // keys paired with their true plaintext
  std::size_t values = 0;            // distinct plaintexts on the attacker's list
  std::size_t values_recovered = 0;  // plaintexts some key was correctly paired with
  std::size_t apps = 0;              // applications with at least one key of the kind
  std::size_t apps_hit = 0;          // applications with at least one key correctly paired
  std::size_t legit_apps = 0;        // of `apps`, legitimate people's (truth.csv)
  std::size_t legit_apps_hit = 0;    // of `apps_hit`, legitimate people's
  std::size_t top_key_count = 0;     // records carrying the most frequent key
  std::size_t top_value_count = 0;   // applications carrying the most frequent plaintext
  double KeyShare() const { return keys == 0 ? 0 : double(keys_recovered) / double(keys); }
  double ValueShare() const { return values == 0 ? 0 : double(values_recovered) / double(values); }
  double AppShare() const { return apps == 0 ? 0 : double(apps_hit) / double(apps); }
  double LegitAppShare() const {
    return legit_apps == 0 ? 0 : double(legit_apps_hit) / double(legit_apps);
  }
};

// FrequencyAttack pairs the i-th most frequent key with the i-th most frequent plaintext.
// Frequencies count applications (a key or plaintext counts once per application). Ties are
// broken by key bytes and by plaintext, which carry no information for the attacker.
AttackResult FrequencyAttack(const std::vector<KeyedApp>& apps, const std::vector<bool>& fraud,
                             const std::unordered_map<std::string, std::size_t>& plaintext_count) {
  std::unordered_map<Token, std::size_t, TokenHash> key_count;
  std::unordered_map<Token, std::set<std::string>, TokenHash> key_truth;
  for (const KeyedApp& app : apps) {
    for (const auto& [key, label] : app) {
      ++key_count[key];
      key_truth[key].insert(label);
    }
  }
  std::vector<std::pair<std::size_t, Token>> ranked_keys;
  for (const auto& [key, count] : key_count) ranked_keys.emplace_back(count, key);
  std::sort(ranked_keys.begin(), ranked_keys.end(), [](const auto& left, const auto& right) {
    return left.first != right.first ? left.first > right.first : left.second < right.second;
  });
  std::vector<std::pair<std::size_t, std::string>> ranked_values;
  for (const auto& [value, count] : plaintext_count) ranked_values.emplace_back(count, value);
  std::sort(ranked_values.begin(), ranked_values.end(), [](const auto& left, const auto& right) {
    return left.first != right.first ? left.first > right.first : left.second < right.second;
  });

  AttackResult result;
  result.keys = ranked_keys.size();
  result.values = ranked_values.size();
  if (!ranked_keys.empty()) result.top_key_count = ranked_keys.front().first;
  if (!ranked_values.empty()) result.top_value_count = ranked_values.front().first;
  std::unordered_map<Token, const std::string*, TokenHash> guess;
  std::set<std::string> values_recovered;
  for (std::size_t rank = 0; rank < std::min(ranked_keys.size(), ranked_values.size()); ++rank) {
    const Token& key = ranked_keys[rank].second;
    const std::string& value = ranked_values[rank].second;
    guess[key] = &value;
    if (key_truth[key].contains(value)) {
      ++result.keys_recovered;
      values_recovered.insert(value);
    }
  }
  result.values_recovered = values_recovered.size();
  for (std::size_t idx = 0; idx < apps.size(); ++idx) {
    const KeyedApp& app = apps[idx];
    if (app.empty()) continue;
    ++result.apps;
    const bool hit = std::any_of(app.begin(), app.end(), [&](const auto& entry) {
      const auto found = guess.find(entry.first);
      return found != guess.end() && *found->second == entry.second;
    });
    result.apps_hit += hit;
    if (!fraud[idx]) {
      ++result.legit_apps;
      result.legit_apps_hit += hit;
    }
  }
  return result;
}

void PrintResult(const char* condition, const char* kind, const AttackResult& result) {
  std::printf(
      "[name attack] %-7s %-10s keys %7zu recovered %5zu (%.4f%%) | plaintexts %6zu recovered "
      "%5zu (%.4f%%) | applications %6zu re-identified %6zu (%.4f%%), of legitimate people's "
      "%6zu re-identified %6zu (%.4f%%) | top key in %zu records, top plaintext in %zu "
      "applications\n",
      condition, kind, result.keys, result.keys_recovered, 100 * result.KeyShare(), result.values,
      result.values_recovered, 100 * result.ValueShare(), result.apps, result.apps_hit,
      100 * result.AppShare(), result.legit_apps, result.legit_apps_hit,
      100 * result.LegitAppShare(), result.top_key_count, result.top_value_count);
}

TEST(NameFrequencyAttack, RecoversUnderOnePercentOfNames) {
  const auto start = std::chrono::steady_clock::now();
  // Seed 7 at scale 0.25: ~7,500 people, ~29k applications, a few seconds.
  Result<test_world::SimulatedWorld> world = test_world::SimulateWorld(7, 0.25, "name_attack");
  ASSERT_TRUE(world) << world.error().ToString();
  // truth.csv only splits the figures.
  const simulate::WorldSummary& summary = world->summary;
  std::unordered_map<std::string, bool>& fraud_of = world->fraud_of;
  const std::vector<ApplicationRecord>* records = &world->records;
  IssueLog issues;
  const std::vector<NormalizedApplication> apps =
      normalize::NormalizeApplications(*records, normalize::NormalizeContext{}, &issues);
  ASSERT_EQ(apps.size(), records->size());
  std::vector<bool> fraud(apps.size());
  for (std::size_t idx = 0; idx < apps.size(); ++idx) {
    fraud[idx] = fraud_of[apps[idx].application_id];
  }

  share::ConsortiumKey key;
  for (std::size_t idx = 0; idx < share::kKeyBytes; ++idx) key.bytes[idx] = std::uint8_t(idx);
  const share::SubmissionEncoder encoder(key, kEpoch);
  // Ground truth: the encoder's own labelled name keys (LabelledNameKeys), checked against the
  // record Encode made, so a label can never drift from what is sent.
  // Control: the same forms under a plain keyed hash of the form alone, not bound to any
  // identifier — the encoding the frequency attack is known to break.
  const share::KeyedHasher control_hasher = share::KeyedHasher::Derived(key, "control", "");

  std::vector<KeyedApp> bound_parts(apps.size()), bound_wholes(apps.size());
  std::vector<KeyedApp> control_parts(apps.size()), control_wholes(apps.size());
  std::unordered_map<std::string, std::size_t> part_count, whole_count;
  std::size_t mismatched = 0;
  std::string message;
  for (std::size_t idx = 0; idx < apps.size(); ++idx) {
    const share::ConsortiumRecord record = encoder.Encode(apps[idx], (*records)[idx]);
    const std::vector<share::LabelledNameKey> labelled = encoder.LabelledNameKeys(apps[idx], record);
    std::vector<share::NameKey> keys;
    for (const share::LabelledNameKey& entry : labelled) keys.push_back(entry.key);
    mismatched += keys != record.name_keys;
    std::set<std::string> parts, wholes;
    const std::vector<share::NameForm> forms = share::NameForms(apps[idx].name);
    for (const share::NameForm& form : forms) {
      if (form.kind == NameKeyKind::kPart) parts.insert(Label(form));
      if (form.kind == NameKeyKind::kWhole) wholes.insert(Label(form));
      message.assign(1, static_cast<char>(form.kind));
      message.append(form.form);
      const Token control = control_hasher.Hash(message);
      if (form.kind == NameKeyKind::kPart) control_parts[idx].emplace_back(control, Label(form));
      if (form.kind == NameKeyKind::kWhole) control_wholes[idx].emplace_back(control, Label(form));
    }
    // The attacker's view: the record's keys as encoded, whatever identifier they are bound to.
    for (const share::LabelledNameKey& entry : labelled) {
      const share::NameForm& form = forms[entry.form];
      if (form.kind == NameKeyKind::kPart) bound_parts[idx].emplace_back(entry.key.key, Label(form));
      if (form.kind == NameKeyKind::kWhole) bound_wholes[idx].emplace_back(entry.key.key, Label(form));
    }
    // The attacker's knowledge: exact plaintext frequencies over the same applications.
    for (const std::string& part : parts) ++part_count[part];
    for (const std::string& whole : wholes) ++whole_count[whole];
  }
  ASSERT_EQ(mismatched, 0u) << "LabelledNameKeys disagrees with Encode";

  const AttackResult bound_part = FrequencyAttack(bound_parts, fraud, part_count);
  const AttackResult bound_whole = FrequencyAttack(bound_wholes, fraud, whole_count);
  const AttackResult control_part = FrequencyAttack(control_parts, fraud, part_count);
  const AttackResult control_whole = FrequencyAttack(control_wholes, fraud, whole_count);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf("[name attack] world: seed 7 scale 0.25, %lld companies, %lld people, %lld personas, "
              "%zu applications; %.1f s\n",
              static_cast<long long>(summary.companies), static_cast<long long>(summary.people),
              static_cast<long long>(summary.personas), apps.size(), seconds);
  PrintResult("bound", "part (p)", bound_part);
  PrintResult("bound", "whole (f)", bound_whole);
  PrintResult("control", "part (p)", control_part);
  PrintResult("control", "whole (f)", control_whole);

  // Bound keys: under 1 % of keys and of names (the issue's goal). The share of applications
  // with one part guessed right is reported, not held to 1 %: a heavy applier's few keys span
  // hundreds of applications, so one rank coincidence weighs a lot (docs/PRIVACY.md); it must
  // stay far below the unbound control.
  EXPECT_LT(bound_part.KeyShare(), 0.01);
  EXPECT_LT(bound_part.ValueShare(), 0.01);
  EXPECT_LT(bound_whole.KeyShare(), 0.01);
  EXPECT_LT(bound_whole.ValueShare(), 0.01);
  EXPECT_LT(bound_part.AppShare(), control_part.AppShare() / 10);
  // Control: the attack is real — unbound keys give common name parts away.
  EXPECT_GT(control_part.AppShare(), 0.05);
}

}  // namespace
}  // namespace crosscheck::hub
