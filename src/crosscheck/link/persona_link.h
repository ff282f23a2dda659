// Persona linkage for `crosscheck scan`: which applications are the same claimed identity
// (one person applying across companies under name variants, changed e-mails, other phone
// formats). Runs the generic engine on the identity fields of NormalizedApplication (name,
// e-mail, phone, date of birth, address, national id, LinkedIn, GitHub). Shared identifiers
// are evidence weighed by EM like any other field, and a link is vetoed when the names
// disagree: a stolen national id or a family's shared address or phone alone never merges
// two different people. Names that share some tokens (a married name) may still link on the
// same personal e-mail or identifier (see FieldParameters::veto). Network signals (devices,
// IPs, payout accounts, photos) are left to the graph stage.
//
//   CC_ASSIGN_OR_RETURN(PersonaLinkResult personas, LinkApplications(apps, LinkOptions{}));
//   Use(personas.persona_ids[app_idx]);
//   for (const ExplainedLink& explained : personas.explained) Report(explained.explanation);
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/model.h"
#include "crosscheck/link/linker.h"

namespace crosscheck::link {

// PersonaLink is one linked application pair (indexes into the input vector, left < right).
// Kept small: a 541k-application scan links millions of pairs and holds them to the end.
struct PersonaLink {
  std::uint32_t left = 0;
  std::uint32_t right = 0;
  double match_probability = 0.0;
  double match_weight = 0.0;
};

// ExplainedLink is the waterfall of PersonaLinkResult::links[link].
struct ExplainedLink {
  std::size_t link = 0;
  PairExplanation explanation;
};

// PersonaLinkResult: a persona id per application (same order as the input), the linked
// pairs, and the engine for explaining any other pair later.
struct PersonaLinkResult {
  std::vector<std::string> persona_ids;  // "p" + 16 hex digits, stable across reruns
  std::vector<PersonaLink> links;
  // explained: with LinkOptions::explain_links, the waterfalls of the first 200 linked pairs
  // (in (left, right) order) inside each persona, in link order; use Explain for any other.
  std::vector<ExplainedLink> explained;
  std::optional<LinkEngine> engine;      // empty when there were no applications
  std::vector<std::size_t> record_of;    // application index -> engine record index

  // Explain returns the waterfall of two applications (input indexes).
  PairExplanation Explain(std::size_t left, std::size_t right) const;
};

// PersonaFields lists the fields LinkApplications compares, in model order.
std::vector<FieldSpec> PersonaFields();

// LinkApplications links applications into personas. Application ids should be unique; a
// repeat gets a "#n" suffix internally. options.veto_fields is extended with the name field.
// Deterministic for any input order and thread count. Errors: those of LinkEngine::Run.
Result<PersonaLinkResult> LinkApplications(const std::vector<NormalizedApplication>& apps,
                                           const LinkOptions& options);

// JoinPersonas links new applications to resolved ones with a model trained before (a
// service's arrivals against their neighbourhood): apps[0, arrivals) are new, the others
// carry their personas in `known` (same indexes; the first `arrivals` entries are ignored).
// Each new application is compared with every other one (no training, no blocking: for a few
// thousand applications); new ones that link are one persona, which takes the known persona
// of its members' strongest link to a resolved application, else an id of its own as
// LinkApplications makes it. Term frequencies are those of `apps`. Returns every
// application's persona. Errors: kInvalidInput when a model field is not a persona field.
Result<std::vector<std::string>> JoinPersonas(const std::vector<NormalizedApplication>& apps, std::size_t arrivals,
                                              const std::vector<std::string>& known, const LinkModel& model);

}  // namespace crosscheck::link
