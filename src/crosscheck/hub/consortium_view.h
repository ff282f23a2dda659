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

// BuildConsortiumView decodes every submission (on 2 threads) and assembles the view;
// member_of indexes `submissions`.
ConsortiumView BuildConsortiumView(const std::vector<share::Submission>& submissions,
                                   const share::KeyedHasher& hub_layer, const ViewOptions& options);

}  // namespace crosscheck::hub
