#include "crosscheck/graph/internal/one_person.h"

#include <algorithm>
#include <utility>

#include "crosscheck/graph/name_match.h"

namespace crosscheck::graph::internal {
namespace {

// A form is one holder's distinct (name, date of birth) on the artifact's applications.
using Form = std::pair<std::uint32_t, const NormalizedApplication*>;  // (holder, application)

bool ComparesBirths(ArtifactKind kind) { return kind != ArtifactKind::kGithub && kind != ArtifactKind::kLinkedin; }

// HolderForms lists each holder's forms, at most `per_holder` of each, holders in the order
// they first appear; empty when some holder is unnamed.
std::vector<Form> HolderForms(const std::vector<NormalizedApplication>& applications,
                              const std::vector<std::uint32_t>& holder_of, const SharedArtifact& artifact,
                              std::size_t per_holder) {
  std::vector<Form> forms;
  for (std::size_t app_idx : artifact.applications) {
    const NormalizedApplication& app = applications[app_idx];
    if (app.name.tokens.empty()) return {};
    const std::uint32_t holder = holder_of[app_idx];
    std::size_t of_holder = 0;
    bool seen = false;
    for (const auto& [other, form] : forms) {
      if (other != holder) continue;
      ++of_holder;
      seen = seen || (form->name.full == app.name.full && form->date_of_birth == app.date_of_birth);
    }
    if (!seen && of_holder < per_holder) forms.emplace_back(holder, &app);
  }
  return forms;
}

std::vector<std::uint32_t> Holders(const std::vector<Form>& forms) {
  std::vector<std::uint32_t> holders;
  for (const auto& [holder, form] : forms) holders.push_back(holder);
  std::sort(holders.begin(), holders.end());
  holders.erase(std::unique(holders.begin(), holders.end()), holders.end());
  return holders;
}

// OneNameThroughout: some form of the first holder could be one person with a form of every
// other holder.
bool OneNameThroughout(const std::vector<Form>& forms, std::uint32_t first, bool compare_births) {
  const std::vector<std::uint32_t> holders = Holders(forms);
  for (const auto& [holder, candidate] : forms) {
    if (holder != first) continue;
    const bool everyone = std::all_of(holders.begin(), holders.end(), [&](std::uint32_t other) {
      return other == first || std::any_of(forms.begin(), forms.end(), [&](const Form& entry) {
               return entry.first == other && CouldBeOnePerson(*candidate, *entry.second, compare_births);
             });
    });
    if (everyone) return true;
  }
  return false;
}

// SpellingOf: `form` is a spelling of `used`'s name, their dates of birth not disagreeing.
bool SpellingOf(const NormalizedApplication& form, const NormalizedApplication& used, bool compare_births) {
  if (compare_births && form.date_of_birth && used.date_of_birth && *form.date_of_birth != *used.date_of_birth) {
    return false;
  }
  return form.name.full == used.name.full || NamesAreOnePerson(form.name, used.name);
}

// OneHolderUsesEveryName: the holder with the most forms (each of them, on a tie) uses a
// spelling of every other holder's every form.
bool OneHolderUsesEveryName(const std::vector<Form>& forms, bool compare_births) {
  const std::vector<std::uint32_t> holders = Holders(forms);
  std::vector<std::size_t> form_count(holders.size());
  for (const auto& [holder, form] : forms) {
    ++form_count[std::lower_bound(holders.begin(), holders.end(), holder) - holders.begin()];
  }
  const std::size_t most = *std::max_element(form_count.begin(), form_count.end());
  for (std::size_t candidate = 0; candidate < holders.size(); ++candidate) {
    if (form_count[candidate] != most) continue;
    const std::uint32_t hub = holders[candidate];
    const bool covers = std::all_of(forms.begin(), forms.end(), [&](const Form& other) {
      return other.first == hub || std::any_of(forms.begin(), forms.end(), [&](const Form& used) {
               return used.first == hub && SpellingOf(*other.second, *used.second, compare_births);
             });
    });
    if (covers) return true;
  }
  return false;
}

}  // namespace

bool HeldByOnePerson(const std::vector<NormalizedApplication>& applications,
                     const std::vector<std::uint32_t>& holder_of, const SharedArtifact& artifact) {
  if (artifact.applications.empty()) return false;
  const bool compare_births = ComparesBirths(artifact.kind);
  // The first rule compares a few forms a holder; the second needs all of the one holder's
  // (a heavy applier writes his name dozens of ways), so it is bounded by the holder count:
  // one person left in more pieces than this by linkage is not what it is for.
  constexpr std::size_t kFormsPerHolder = 8;
  constexpr std::size_t kFormsPerHolderWhenCovering = 64;
  constexpr std::size_t kMaxHoldersWhenCovering = 32;
  const std::vector<Form> forms = HolderForms(applications, holder_of, artifact, kFormsPerHolder);
  if (forms.empty()) return false;
  if (OneNameThroughout(forms, holder_of[artifact.applications.front()], compare_births)) return true;
  // Between two holders the second rule is a stricter form of the first.
  const std::size_t holders = Holders(forms).size();
  if (holders < 3 || holders > kMaxHoldersWhenCovering) return false;
  return OneHolderUsesEveryName(HolderForms(applications, holder_of, artifact, kFormsPerHolderWhenCovering),
                                compare_births);
}

}  // namespace crosscheck::graph::internal
