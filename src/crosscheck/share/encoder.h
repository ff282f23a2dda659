// SubmissionEncoder turns a company's normalized applications into consortium records
// (consortium_record.h) with keys derived from the consortium key for one epoch. Encoding is
// per record: a record depends only on its application, the key and the epoch, so a company's
// submission is byte-identical whether encoded alone or with other companies' rows.
//
//   SubmissionEncoder encoder(key, "2026-12");
//   ConsortiumRecord record = encoder.Encode(normalized[i], records[i]);
//   Token handle = encoder.Handle(company_id, application_id);   // maps findings back
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/share/block_prf.h"
#include "crosscheck/share/consortium_record.h"
#include "crosscheck/share/key_file.h"
#include "crosscheck/share/keyed_hash.h"
#include "crosscheck/share/photo_bits.h"

namespace crosscheck::share {

// NameForm is one comparable form of a name that the encoder keys: a whole-name form
// ("j" + parts sorted and joined, "l" + their letters sorted, "g" + given and family name), a
// part, or a part's romanization skeleton.
struct NameForm {
  NameKeyKind kind = NameKeyKind::kWhole;  // kWhole, kPart or kSkeleton
  std::string form;
  friend auto operator<=>(const NameForm&, const NameForm&) = default;
};

// NameForms returns the distinct forms of a normalized name, sorted; empty for no name.
std::vector<NameForm> NameForms(const NormalizedName& name);

// LabelledNameKey is a name key with the form it was made from (an index into NameForms of the
// application's name): for tests and audits that need the ground truth (the attack evaluation
// in hub/name_attack_test.cc). Never sent.
struct LabelledNameKey {
  NameKey key;
  std::uint32_t form = 0;
};

// TokenHasher returns the hasher of one token kind under `key` and `epoch`: HKDF purpose
// "token:<TokenKindName>". Submissions and keyed STIX exports (stix_bundle.h) both use it, so
// a keyed export's token equals the submission token of the same normalized value.
KeyedHasher TokenHasher(const ConsortiumKey& key, TokenKind kind, std::string_view epoch);

class SubmissionEncoder {
 public:
  // Derives one HMAC key per token kind, for names, photos, resumes and handles (HKDF, epoch
  // in the info). `format` says which photo bit positions the photo tables sample (photo_bits.h):
  // the current format's public ones unless a test or tool needs format 1's keyed ones.
  SubmissionEncoder(const ConsortiumKey& key, std::string epoch,
                    SubmissionFormat format = kCurrentSubmissionFormat);

  // Encode returns the consortium record of one application. Thread-safe.
  ConsortiumRecord Encode(const NormalizedApplication& application, const ApplicationRecord& record) const;

  // Handle returns the opaque handle of an application: HMAC(handle key, company \0 id).
  Token Handle(std::string_view company_id, std::string_view application_id) const;

  // LabelledNameKeys returns the name keys Encode puts in `record` (which must be Encode's
  // output for `application`, or at least carry its photo bands), each with the index of its
  // form in NameForms(application.name).
  std::vector<LabelledNameKey> LabelledNameKeys(const NormalizedApplication& application,
                                                const ConsortiumRecord& record) const;

  const std::string& epoch() const { return epoch_; }
  const std::string& key_id() const { return key_id_; }
  SubmissionFormat format() const { return format_; }
  // photo_bits returns the pHash bit positions each photo table samples.
  const PhotoBitPositions& photo_bits() const { return photo_bits_; }

 private:
  std::vector<LabelledNameKey> BoundNameKeys(const NormalizedApplication& application,
                                             const ConsortiumRecord& record) const;
  void AddTokens(const NormalizedApplication& application, ConsortiumRecord* out) const;
  std::vector<std::uint64_t> PhotoBands(std::uint64_t photo_hash) const;
  std::vector<std::uint32_t> ResumeBins(const std::vector<std::uint32_t>& signature) const;

  std::string epoch_;
  std::string key_id_;
  SubmissionFormat format_;
  std::vector<KeyedHasher> kind_hashers_;  // by TokenKind
  KeyedHasher name_hasher_;
  BlockPrf photo_prf_;
  BlockPrf resume_prf_;
  BlockPrf context_prf_;
  KeyedHasher handle_hasher_;
  PhotoBitPositions photo_bits_{};
};

}  // namespace crosscheck::share
