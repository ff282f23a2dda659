// ConsortiumView: the hub's picture of every member's records, in the form the network engine
// works on. Tokens get the hub's own keyed layer first (HMAC with the hub key, so a stolen hub
// view cannot be dictionary-attacked even by a member who holds the consortium key), then each
// record becomes a NormalizedApplication whose identifiers are hub tokens and whose name is a
// set of keyed name keys (NormalizedName::keyed). Photos and resumes become near-duplicate
// groups found from band tokens, resumes keep their keyed MinHash bins (compared by the graph
// exactly as plain ones), and personas come from name keys shared under one identifier.
//
//   ConsortiumView view = BuildConsortiumView(submissions, hub_layer);
//   graph::BuildNetworks(view.applications, view.records, view.persona_ids, {}, &view.near_duplicates);
//
// The view is made in two steps: DecodeMember (per member: the keyed layer and decoding, most
// of the cost) and AssembleView (the whole consortium: photo groups and personas), so the hub
// service re-decodes only the members whose submission changed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/graph/evidence_edge.h"
#include "crosscheck/share/block_prf.h"
#include "crosscheck/share/consortium_record.h"

namespace crosscheck::hub {

// NameWord is a name key as the persona linker groups it: its kind and 64 bits of its hub token.
struct NameWord {
  char kind = 0;
  std::uint64_t word = 0;
};

// DecodedMember is one member's records with the hub's keyed layer applied, parallel vectors
// in submission order; it depends on that member's submission (and the hub key) alone.
struct DecodedMember {
  std::string company_id;
  std::string epoch;
  // The submission's format: photo bands group only with bands of the same format.
  share::SubmissionFormat format = share::kCurrentSubmissionFormat;
  std::vector<NormalizedApplication> applications;  // application_id = hub handle (hex)
  std::vector<std::vector<NameWord>> name_words;
  std::vector<std::vector<std::uint64_t>> photo_bands;       // hub-keyed, or empty
  std::vector<std::vector<std::uint32_t>> resume_signatures; // hub-keyed, or empty
  std::vector<share::Token> handles;                         // as the member made them
};

// ConsortiumView holds parallel vectors, one entry per record of every accepted submission.
struct ConsortiumView {
  std::vector<NormalizedApplication> applications;  // application_id = hub handle (hex)
  std::vector<ApplicationRecord> records;           // ids only: the engine's parallel input
  std::vector<std::size_t> member_of;               // index into the submissions (or members)
  std::vector<share::Token> member_handle;          // the handle as the member made it
  graph::PrecomputedNearDuplicates near_duplicates;
  std::vector<std::string> persona_ids;             // "p" + 16 hex digits
};

// ViewOptions: thresholds of the hub's own matching (documented in docs/PRIVACY.md).
struct ViewOptions {
  // Photos are one group when at least this many of the 32 keyed bit-sample tables agree:
  // about 97 % of pairs 6 bits apart, 74 % at 8 bits, and a pair of unrelated photos with
  // probability ~1e-11.
  int photo_min_bands = 3;
  // Band buckets holding more distinct values than this are boilerplate and skipped.
  std::size_t max_bucket = 200;
};

// DecodeMember re-keys and decodes one member's records. `hub_layer` keys every token.
// Pure; thread-safe.
DecodedMember DecodeMember(const share::Submission& submission, const share::KeyedHasher& hub_layer);

// AssembleView joins decoded members (in company order) and finds personas and photo groups.
// Deterministic for the same members in any order; member_of indexes `members`.
ConsortiumView AssembleView(const std::vector<const DecodedMember*>& members, const ViewOptions& options);

// ConsortiumRecords points at every record of a set of decoded members, in company order (the
// order of AssembleView's view): parallel vectors; member_of indexes the members as given,
// record_of the record within its member. Valid while the members are.
struct ConsortiumRecords {
  std::vector<const NormalizedApplication*> applications;
  std::vector<const std::vector<NameWord>*> name_words;
  std::vector<const std::vector<std::uint64_t>*> photo_bands;
  std::vector<const std::vector<std::uint32_t>*> resume_signatures;
  std::vector<const share::Token*> handles;
  std::vector<std::size_t> member_of;
  std::vector<std::size_t> record_of;
};

// ConsortiumLinkage is what only the whole consortium decides: each record's persona id
// (parallel to ConsortiumRecords) and the photo near-duplicate groups (indexes into it).
struct ConsortiumLinkage {
  std::vector<std::string> persona_ids;
  std::vector<graph::NearDuplicateGroup> photo_groups;
};

// FlattenMembers lists the members' records in company order. O(records).
ConsortiumRecords FlattenMembers(const std::vector<const DecodedMember*>& members);

// LinkRecords links personas (name keys shared under one identifier) and finds photo groups
// over all `records`: AssembleView's persona_ids and photo groups, without copying a record.
ConsortiumLinkage LinkRecords(const ConsortiumRecords& records, const ViewOptions& options);

// ViewOf builds the view of the `selected` records (ascending indexes into `records`) with the
// linkage made over all of them and the resume groups found over all of them
// (graph::FindResumeGroups; near_duplicates.resume_grouped is set): a group must lie wholly
// inside or outside the selection (CC_CHECK). member_of indexes the members as flattened.
ConsortiumView ViewOf(const ConsortiumRecords& records, const std::vector<std::uint32_t>& selected,
                      const ConsortiumLinkage& linkage, const std::vector<graph::NearDuplicateGroup>& resume_groups);

// BuildConsortiumView decodes every submission (on 2 threads) and assembles the view;
// member_of indexes `submissions`.
ConsortiumView BuildConsortiumView(const std::vector<share::Submission>& submissions,
                                   const share::KeyedHasher& hub_layer, const ViewOptions& options);

}  // namespace crosscheck::hub
