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
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/graph/evidence_edge.h"
#include "crosscheck/share/block_prf.h"
#include "crosscheck/share/consortium_record.h"

namespace crosscheck::hub {

// ConsortiumView holds parallel vectors, one entry per record of every accepted submission.
struct ConsortiumView {
  std::vector<NormalizedApplication> applications;  // application_id = hub handle (hex)
  std::vector<ApplicationRecord> records;           // ids only: the engine's parallel input
  std::vector<std::size_t> member_of;               // index into the submissions
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

// BuildConsortiumView re-keys and decodes the records and finds personas and near-duplicates.
// Deterministic for the same submissions in any order. `hub_layer` keys every token.
ConsortiumView BuildConsortiumView(const std::vector<share::Submission>& submissions,
                                   const share::KeyedHasher& hub_layer, const ViewOptions& options);

}  // namespace crosscheck::hub
