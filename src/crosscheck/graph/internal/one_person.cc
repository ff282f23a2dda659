#include "crosscheck/graph/internal/one_person.h"

#include <algorithm>
#include <span>
#include <tuple>

#include "crosscheck/graph/name_match.h"

namespace crosscheck::graph::internal {
namespace {

// A form is one holder's distinct (name, date of birth) on the artifact's applications.
struct Form {
  std::uint32_t holder = 0;
  const NormalizedApplication* application = nullptr;
};

bool ComparesBirths(ArtifactKind kind) { return kind != ArtifactKind::kGithub && kind != ArtifactKind::kLinkedin; }

// HolderForms lists the holders' forms sorted by (holder, name, date of birth), at most
// `per_holder` of each holder (the first in that order, so the choice does not depend on row
// order); empty when some holder is unnamed.
std::vector<Form> HolderForms(const std::vector<NormalizedApplication>& applications,
                              const std::vector<std::uint32_t>& holder_of, const SharedArtifact& artifact,
                              std::size_t per_holder) {
  std::vector<Form> all;
  all.reserve(artifact.applications.size());
  for (std::size_t app_idx : artifact.applications) {
    if (applications[app_idx].name.tokens.empty()) return {};
    all.push_back({holder_of[app_idx], &applications[app_idx]});
  }
  const auto key = [](const Form& form) {
    return std::tie(form.holder, form.application->name.full, form.application->date_of_birth);
  };
  std::sort(all.begin(), all.end(), [&](const Form& left, const Form& right) { return key(left) < key(right); });
  std::vector<Form> forms;
  std::size_t of_holder = 0;
  for (const Form& form : all) {
    if (!forms.empty() && forms.back().holder == form.holder) {
      if (key(forms.back()) == key(form) || of_holder == per_holder) continue;
      ++of_holder;
    } else {
      of_holder = 1;
    }
    forms.push_back(form);
  }
  return forms;
}

// ByHolder splits forms (sorted by holder) into one run per holder.
std::vector<std::span<const Form>> ByHolder(const std::vector<Form>& forms) {
  std::vector<std::span<const Form>> runs;
  for (std::size_t begin = 0; begin < forms.size();) {
    std::size_t end = begin + 1;
    while (end < forms.size() && forms[end].holder == forms[begin].holder) ++end;
    runs.emplace_back(forms.data() + begin, end - begin);
    begin = end;
  }
  return runs;
}

// OneNameThroughout: some form of the first holder could be one person with a form of every
// other holder.
bool OneNameThroughout(const std::vector<std::span<const Form>>& holders, std::uint32_t first, bool compare_births) {
  const auto first_run = std::find_if(holders.begin(), holders.end(),
                                      [&](std::span<const Form> run) { return run.front().holder == first; });
  if (first_run == holders.end()) return false;
  return std::any_of(first_run->begin(), first_run->end(), [&](const Form& candidate) {
    return std::all_of(holders.begin(), holders.end(), [&](std::span<const Form> other) {
      return other.front().holder == first || std::any_of(other.begin(), other.end(), [&](const Form& form) {
               return CouldBeOnePerson(*candidate.application, *form.application, compare_births);
             });
    });
  });
}

// OneHolderUsesEveryName: the holder with the most forms (each of them, on a tie) uses a
// spelling of every other holder's every form.
bool OneHolderUsesEveryName(const std::vector<std::span<const Form>>& holders, bool compare_births) {
  std::size_t most = 0;
  for (std::span<const Form> run : holders) most = std::max(most, run.size());
  return std::any_of(holders.begin(), holders.end(), [&](std::span<const Form> hub) {
    if (hub.size() != most) return false;
    return std::all_of(holders.begin(), holders.end(), [&](std::span<const Form> other) {
      return other.data() == hub.data() || std::all_of(other.begin(), other.end(), [&](const Form& form) {
               return std::any_of(hub.begin(), hub.end(), [&](const Form& used) {
                 return SpellingsOfOneName(*form.application, *used.application, compare_births);
               });
             });
    });
  });
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
  // Forms are sorted and capped once; each holder's first kFormsPerHolder of them are the
  // first rule's.
  const std::vector<Form> forms = HolderForms(applications, holder_of, artifact, kFormsPerHolderWhenCovering);
  if (forms.empty()) return false;
  const std::vector<std::span<const Form>> holders = ByHolder(forms);
  std::vector<std::span<const Form>> first_forms;
  first_forms.reserve(holders.size());
  for (std::span<const Form> run : holders) first_forms.push_back(run.first(std::min(run.size(), kFormsPerHolder)));
  if (OneNameThroughout(first_forms, holder_of[artifact.applications.front()], compare_births)) return true;
  // Between two holders the second rule is a stricter form of the first.
  if (holders.size() < 3 || holders.size() > kMaxHoldersWhenCovering) return false;
  return OneHolderUsesEveryName(holders, compare_births);
}

}  // namespace crosscheck::graph::internal
