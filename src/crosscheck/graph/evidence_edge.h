// Evidence edges: artifacts (phone, device, payout account, addresses, national id, profile
// handles, near-duplicate photos and resumes, IPs in a time window) that several personas
// share, each weighted by how specific it is, and the persona pairs they tie together.
//
//   graph::EvidenceSet evidence = graph::CollectEvidence(normalized, records, persona_index,
//                                                        persona_count, options);
//   for (const graph::SharedArtifact& artifact : evidence.artifacts) ...
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/application_source.h"
#include "crosscheck/common/model.h"

namespace crosscheck::graph {

// ArtifactKind is what sort of value several personas share. The names (ArtifactKindName)
// appear in report.json and are never renamed.
enum class ArtifactKind : std::uint8_t {
  kPhone,            // E.164 phone number
  kEmail,            // canonical e-mail address
  kDevice,           // device fingerprint
  kPayoutAccount,    // salary / payout account
  kShippingAddress,  // normalized ship-to line
  kHomeAddress,      // normalized street|postal|country key of the claimed residence
  kNationalId,       // national id given under different names
  kGithub,           // GitHub handle
  kLinkedin,         // LinkedIn handle
  kPhoto,            // profile photos whose 64-bit pHashes are within a small Hamming distance
  kResume,           // near-duplicate resume text (MinHash estimate of shingle Jaccard)
  kIp,               // the same IP address (in a time window unless the IP is anonymizing)
};
inline constexpr std::size_t kArtifactKindCount = 12;

// ArtifactKindName returns the stable snake_case name ("phone", "payout_account", ...).
const char* ArtifactKindName(ArtifactKind kind);

// MaskArtifactValue returns a form of `value` safe to show a reviewer: phone numbers,
// national ids, payout accounts, devices and addresses keep only a few characters and a
// short fingerprint (so equal values still look equal); handles, IPs and hashes are shown.
std::string MaskArtifactValue(ArtifactKind kind, std::string_view value);

// KindStatistics is what the population says about one artifact kind. The weights of
// artifacts are derived from it; it is reported so a reviewer can see why.
struct KindStatistics {
  std::size_t personas_with_value = 0;  // personas holding any value of this kind
  std::size_t personas_sharing = 0;     // ... of which share a value with another persona
  double sharing_rate = 0;              // smoothed personas_sharing / personas_with_value
  double kind_factor = 0;               // in (0, 1], falls as sharing becomes common
  double generic_scale = 0;             // group size at which a value counts half as generic
};

// EvidenceOptions tunes artifact collection. Defaults are the documented ones
// (docs/INDICATORS.md, "Networks").
struct EvidenceOptions {
  // IPs tie applications only when submitted within this window of each other (chained):
  // residential and office addresses are reassigned, and a VPN exit serves strangers.
  std::int64_t ip_window_seconds = 72 * 3600;
  // Photos are near-duplicates within this many differing pHash bits. At most 7: the index
  // (4 bands of 16 bits, probing each band at radius 1) is exact up to 7.
  int photo_max_hamming = 6;
  // Resumes are near-duplicates when the MinHash estimate of their word-shingle Jaccard
  // similarity reaches this.
  double resume_min_jaccard = 0.6;
  // Words per shingle, and the fewest shingles a resume needs to be compared at all.
  int resume_shingle_words = 4;
  int resume_min_shingles = 12;
  // Groups with more personas than this produce no pairwise edges: their weight is already
  // near zero (see SharedArtifact::weight), and a clique of thousands would cost memory.
  std::size_t max_group_for_edges = 150;
  // A home address held by at most this many people is a household: what its members share
  // with each other (address, home IP, a family computer, a landline, a joint account) is not
  // evidence. People, not personas: personas whose names are one person's (NamesAreOnePerson,
  // dates of birth not disagreeing) count once, so a person split by linkage keeps the
  // household. Large households and shared housing hold 5-8 people and more (Census CPS); the
  // size alone does not make a ring (swept 4..1000 in docs/PERFORMANCE.md: flat from 8 up).
  std::size_t household_max_personas = 12;
  // ... unless its residents share what a household does not: a photo or national id between
  // two of them, or a payout account among three or more (RingEvidence in evidence_edge.cc):
  // then the address is no explanation, whatever its size.
  bool household_ring_evidence = true;
  // population, when set, replaces the kind statistics CollectEvidence would compute from its
  // input (one per ArtifactKind): a service that scores a few applications against the
  // neighbourhood they touch weighs their artifacts by the whole store's statistics, not by
  // the neighbourhood's, where every value is shared. Not owned.
  const std::vector<KindStatistics>* population = nullptr;
  // cleared_groups: per application a reviewer cleared, the application first, then those it
  // shared evidence with when it was cleared. An artifact the first one's persona holds with
  // none but the group's personas is explained ("cleared"); the same value reaching anyone
  // outside the group is evidence again, and so is what the others share without it. Not owned.
  const std::vector<std::vector<std::size_t>>* cleared_groups = nullptr;
};

// SharedArtifact is one value (or near-duplicate group) held by two or more personas.
struct SharedArtifact {
  ArtifactKind kind = ArtifactKind::kPhone;
  std::string value;                       // normalized value or group representative
  std::vector<std::size_t> applications;   // sorted indexes of applications holding it
  std::vector<std::uint32_t> personas;     // sorted distinct persona indexes
  std::size_t company_count = 0;           // distinct companies among the applications
  double similarity = 1;                   // 1 for exact values; min Jaccard / pHash similarity
  // party_count: independent parties among the holders. Personas of one household (a home
  // address of at most household_max_personas people, no ring evidence among them) are one party; applications that one
  // staffing agency submitted (source "agency:<name>") are that agency's, one party, for the
  // kinds an agency shares for its candidates (AgencyMayShare); personas
  // whose names are all one person's (internal::HeldByOnePerson: one name through every
  // holder, or one holder who uses every other holder's names) are one party (a linkage miss).
  std::size_t party_count = 0;
  // explained_by: why the sharing is not evidence when party_count is 1: "household",
  // "agency", "one name" or "cleared" (a reviewer's decision); empty otherwise.
  std::string explained_by;
  // weight in (0, 1]: how specific the artifact is, the product of
  //   kind_factor(kind)        min(1, ln(1/rate_k) / ln(1/0.05)), rate_k = share of personas of
  //                            this kind whose value is shared (shrunk toward 0.05 by 20
  //                            pseudo-personas), floor 0.2
  //   size_factor(n)           min(1, (n-1)/2) / (1 + (n / G_k)^2) for n = party_count, where
  //                            G_k = clamp(4 x median size of the kind's shared groups, 16, 32):
  //                            two sharers can be a household, 3+ cannot; hundreds are generic
  //   company_factor           1 when the value spans 2+ companies, else 0.6
  //   ip_factor (IPs only)     0.3 for addresses that serve many people by design (VPN, proxy,
  //                            Tor, hosting, mobile or business/campus NAT), else 1
  double weight = 0;
};

// EvidenceEdge ties two personas through one SharedArtifact.
struct EvidenceEdge {
  std::uint32_t persona_left = 0;   // persona_left < persona_right
  std::uint32_t persona_right = 0;
  std::uint32_t artifact = 0;       // index into EvidenceSet::artifacts
  double weight = 0;                // the artifact's weight
};

// EvidenceSet is everything CollectEvidence found, in a deterministic order (artifacts sorted
// by kind then value; edges by persona pair then artifact).
struct EvidenceSet {
  std::vector<SharedArtifact> artifacts;
  std::vector<EvidenceEdge> edges;
  std::vector<KindStatistics> kinds;  // indexed by ArtifactKind
};

// NearDuplicateGroup is a group of applications whose photos (or resumes) were found to be
// near-duplicates elsewhere: by the consortium hub, from keyed band tokens, where no pHash or
// resume text is at hand.
struct NearDuplicateGroup {
  ArtifactKind kind = ArtifactKind::kPhoto;  // kPhoto or kResume
  std::string value;                         // representative, shown as the artifact's value
  std::vector<std::size_t> applications;     // indexes of the applications in the group
  double similarity = 1;                     // estimated, as SharedArtifact::similarity
};

// PrecomputedNearDuplicates replaces what CollectEvidence cannot compute without the raw
// values (on the consortium hub): photo groups and which applications hold a photo at all (the
// kind's sharing-rate denominator), and each application's resume signature, whose 128 bins
// are keyed tokens that compare like the plain bins (empty: no resume). has_photo and
// resume_signatures are parallel to the applications.
struct PrecomputedNearDuplicates {
  std::vector<NearDuplicateGroup> groups;  // kPhoto groups
  std::vector<char> has_photo;
  std::vector<std::vector<std::uint32_t>> resume_signatures;
  // resume_grouped: the kResume groups among `groups` are the resume near-duplicates (found by
  // FindResumeGroups over a larger population, whose boilerplate buckets are not this input's),
  // so the signatures are not searched again; they still say who holds a resume.
  bool resume_grouped = false;
};

// AgencyMayShare says whether an agency explains sharing of this kind: what it puts on the
// applications it submits — its inbox, phone, office IP, the device the application platform
// fingerprints (DATA.md: device_id is the application's, i.e. the submitter's) and its resume
// template — never a payout account, photo, national id, address or profile handle, which
// belong to the candidate (front agencies and contractors are documented tradecraft:
// threat-domain.md 2.9 F2).
bool AgencyMayShare(ArtifactKind kind);

// ResumeSignature returns the MinHash signature (128 bins) CollectEvidence compares resumes by:
// word shingles of records' resume_text once the applicant's own name, e-mail, handles, URLs
// and digits are removed; empty when the text is too short to compare. Pure; thread-safe.
std::vector<std::uint32_t> ResumeSignature(const NormalizedApplication& application,
                                           const ApplicationRecord& record, const EvidenceOptions& options);

// FindResumeGroups returns the groups of applications whose resume signatures (ResumeSignature,
// or the hub's keyed bins; empty: no resume) are near-duplicates, as CollectEvidence finds them:
// identical signatures first, then banded LSH whose buckets over 200 distinct signatures are
// boilerplate and skipped, pairs at options.resume_min_jaccard, groups joined transitively. A
// group's value is "resume of " + its smallest application id. `signatures` and
// `application_ids` are parallel; the groups come in no particular order. Pure; thread-safe.
std::vector<NearDuplicateGroup> FindResumeGroups(const std::vector<const std::vector<std::uint32_t>*>& signatures,
                                                 const std::vector<std::string_view>& application_ids,
                                                 const EvidenceOptions& options);

// KindTally is what one kind's KindStatistics are made of, in a form that adds up over parts
// of the input that share no artifact (the consortium hub keeps one per component and sums).
struct KindTally {
  std::size_t personas_with_value = 0;
  std::size_t personas_sharing = 0;             // in an artifact of 2+ independent parties
  std::vector<std::size_t> shared_party_counts; // party_count of each such artifact
};

// TallyKinds counts, per kind, the personas holding a value and those sharing one with another
// party, and the party counts of shared artifacts (`artifacts` as CollectEvidence returns them).
// With `group_of_persona` (persona -> 0..group_count-1; an artifact's personas must be in one
// group) the tallies are per group: entry group * kArtifactKindCount + kind; else one per kind.
std::vector<KindTally> TallyKinds(const std::vector<NormalizedApplication>& applications,
                                  const std::vector<ApplicationRecord>& records,
                                  const std::vector<std::uint32_t>& persona_index, std::size_t persona_count,
                                  const PrecomputedNearDuplicates* near_duplicates,
                                  const std::vector<SharedArtifact>& artifacts,
                                  const std::vector<std::uint32_t>* group_of_persona = nullptr,
                                  std::size_t group_count = 1);

// StatisticsOfTally derives a kind's statistics (sharing rate, kind factor, generic scale; see
// SharedArtifact::weight) from its tally. Only kind_factor and generic_scale enter a weight.
KindStatistics StatisticsOfTally(const KindTally& tally);

// ArtifactCandidate is one value of a kind held by two or more applications (an exact value, a
// photo or resume near-duplicate group, an IP within the window), before personas are counted.
struct ArtifactCandidate {
  ArtifactKind kind = ArtifactKind::kPhone;
  std::string value;
  std::vector<std::size_t> applications;  // sorted
  double similarity = 1;
};

// FindArtifactCandidates returns the candidates CollectEvidence weighs, in the order it weighs
// them. They depend on the applications, the records' resume text, `near_duplicates` and the
// options' photo, resume and IP-window settings, never on personas: a caller that collects
// evidence for two persona assignments of the same applications (BuildSplitNetworks, before and
// after the identity split) finds them once.
std::vector<ArtifactCandidate> FindArtifactCandidates(const std::vector<NormalizedApplication>& applications,
                                                      const std::vector<ApplicationRecord>& records,
                                                      const EvidenceOptions& options,
                                                      const PrecomputedNearDuplicates* near_duplicates = nullptr);

// CollectEvidence finds every artifact held by two or more identities (a persona's
// applications whose names share a part; several when linkage merged different people) and
// sets each one's party_count, explained_by and weight. `persona_index[i]` is
// the persona (0..persona_count-1) of application i; `records` and `applications` have the
// same length and order. Resume text comes from records[i].resume_text, with the
// application's own name, e-mail, phone, handles and URLs removed before shingling.
// Deterministic for a given input; independent of input row order except through
// persona_index. O(n log n) in applications plus O(k^2) per group of k personas (k capped).
// With `near_duplicates`, photos and resumes are taken from it instead of being searched.
EvidenceSet CollectEvidence(const std::vector<NormalizedApplication>& applications,
                            const std::vector<ApplicationRecord>& records,
                            const std::vector<std::uint32_t>& persona_index,
                            std::size_t persona_count, const EvidenceOptions& options,
                            const PrecomputedNearDuplicates* near_duplicates = nullptr);

// CollectEvidence over `candidates` that FindArtifactCandidates found for the same applications,
// records, options and near_duplicates: the same result, without searching for them again.
EvidenceSet CollectEvidence(const std::vector<NormalizedApplication>& applications,
                            const std::vector<ApplicationRecord>& records,
                            const std::vector<std::uint32_t>& persona_index,
                            std::size_t persona_count, const EvidenceOptions& options,
                            const PrecomputedNearDuplicates* near_duplicates,
                            const std::vector<ArtifactCandidate>& candidates);

}  // namespace crosscheck::graph
