#include "crosscheck/share/encoder.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "crosscheck/common/application_source.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"
#include "crosscheck/graph/evidence_edge.h"
#include "crosscheck/graph/name_match.h"
#include "crosscheck/score/risk_scorer.h"

namespace crosscheck::share {

const char* TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEmail: return "email";
    case TokenKind::kPhone: return "phone";
    case TokenKind::kNationalId: return "national_id";
    case TokenKind::kPayoutAccount: return "payout_account";
    case TokenKind::kDevice: return "device";
    case TokenKind::kHomeAddress: return "home_address";
    case TokenKind::kShippingAddress: return "shipping_address";
    case TokenKind::kLinkedin: return "linkedin";
    case TokenKind::kGithub: return "github";
    case TokenKind::kIp: return "ip";
    case TokenKind::kBirthDate: return "birth_date";
    case TokenKind::kAgency: return "agency";
  }
  return "unknown";
}

namespace {

// Name keys are bound to the identifiers a person keeps across applications; IPs, photos and
// resumes are shared by design or fuzzy, and agencies are not the applicant's.
bool BindsNames(TokenKind kind) { return kind != TokenKind::kIp && kind != TokenKind::kAgency; }

// Skeleton keys are bound only to identifiers one person holds (not a household's phone,
// address, computer or account): "John" and "Jane" have one skeleton, and relatives share a
// family name, so under a family phone skeletons would make two people one.
bool BindsSkeletons(TokenKind kind) {
  return kind == TokenKind::kEmail || kind == TokenKind::kNationalId || kind == TokenKind::kLinkedin ||
         kind == TokenKind::kGithub || kind == TokenKind::kBirthDate;
}

// Identifiers that do not set one person apart from the name: a date of birth or national id
// travels with a stolen identity, and profile handles are typed from names ("wei-wang"), so
// namesakes share them. Keys bound to them are marked: the hub does not link on them.
bool IsIdentityKind(TokenKind kind) {
  return kind == TokenKind::kBirthDate || kind == TokenKind::kNationalId || kind == TokenKind::kLinkedin ||
         kind == TokenKind::kGithub;
}

// Tokens are made of big-endian bytes, so members on any machine make the same tokens.
template <class Word>
void StoreBigEndian(Word value, std::uint8_t* out) {
  if constexpr (std::endian::native == std::endian::little) value = std::byteswap(value);
  std::memcpy(out, &value, sizeof value);
}

template <class Word>
Word LoadBigEndian(const std::uint8_t* in) {
  Word value;
  std::memcpy(&value, in, sizeof value);
  if constexpr (std::endian::native == std::endian::little) value = std::byteswap(value);
  return value;
}

// TokenLess is std::array's operator< on tokens (bytes in lexicographic order) as two
// big-endian words: a library memcmp call per comparison cost more than the rest of the sort.
bool TokenLess(const Token& left, const Token& right) {
  const auto left_high = LoadBigEndian<std::uint64_t>(left.data());
  const auto right_high = LoadBigEndian<std::uint64_t>(right.data());
  if (left_high != right_high) return left_high < right_high;
  return LoadBigEndian<std::uint64_t>(left.data() + 8) < LoadBigEndian<std::uint64_t>(right.data() + 8);
}

NameKeyKind Marked(NameKeyKind form_kind, TokenKind context) {
  if (!IsIdentityKind(context)) return form_kind;
  switch (form_kind) {
    case NameKeyKind::kWhole: return NameKeyKind::kIdentityWhole;
    case NameKeyKind::kPart: return NameKeyKind::kIdentityPart;
    case NameKeyKind::kSkeleton: return NameKeyKind::kIdentitySkeleton;
    default: return form_kind;
  }
}

}  // namespace

KeyedHasher TokenHasher(const ConsortiumKey& key, TokenKind kind, std::string_view epoch) {
  return KeyedHasher::Derived(key, std::string("token:") + TokenKindName(kind), epoch);
}

SubmissionEncoder::SubmissionEncoder(const ConsortiumKey& key, std::string epoch, SubmissionFormat format)
    : epoch_(std::move(epoch)),
      key_id_(KeyId(key)),
      format_(format),
      name_hasher_(KeyedHasher::Derived(key, "name", epoch_)),
      photo_prf_(BlockPrf::Derived(key, "photo", epoch_)),
      resume_prf_(BlockPrf::Derived(key, "resume", epoch_)),
      context_prf_(BlockPrf::Derived(key, "name-context", epoch_)),
      handle_hasher_(KeyedHasher::Derived(key, "handle", epoch_)) {
  for (std::size_t kind_idx = 0; kind_idx < kTokenKindCount; ++kind_idx) {
    kind_hashers_.push_back(TokenHasher(key, static_cast<TokenKind>(kind_idx), epoch_));
  }
  // Format 2 samples public positions, so photo grouping does not follow the key; the band
  // tokens stay keyed, so the hub learns no more than with secret ones (photo_bits.cc).
  photo_bits_ = format_ == SubmissionFormat::kV1 ? KeyedPhotoBits(key, epoch_) : PublicPhotoBits();
}

Token SubmissionEncoder::Handle(std::string_view company_id, std::string_view application_id) const {
  std::string message(company_id);
  message.push_back('\0');
  message.append(application_id);
  return handle_hasher_.Hash(message);
}

std::vector<std::uint64_t> SubmissionEncoder::PhotoBands(std::uint64_t photo_hash) const {
  std::array<Block, kPhotoBands> blocks{};
  for (int table = 0; table < kPhotoBands; ++table) {
    std::uint32_t sampled = 0;
    for (int slot = 0; slot < kPhotoBandBits; ++slot) {
      sampled = (sampled << 1) | static_cast<std::uint32_t>((photo_hash >> photo_bits_[table][slot]) & 1);
    }
    blocks[table][0] = static_cast<std::uint8_t>(table);
    StoreBigEndian(static_cast<std::uint16_t>(sampled), &blocks[table][1]);
    // The format (format 1 left it 0): equal bits at different positions are not one value, so
    // a format-2 token never equals a format-1 one — nor do the name keys bound to them.
    if (format_ != SubmissionFormat::kV1) blocks[table][3] = static_cast<std::uint8_t>(format_);
  }
  photo_prf_.Apply(blocks);
  std::vector<std::uint64_t> bands(kPhotoBands);
  for (int table = 0; table < kPhotoBands; ++table) bands[table] = LoadBigEndian<std::uint64_t>(blocks[table].data());
  return bands;
}

std::vector<std::uint32_t> SubmissionEncoder::ResumeBins(const std::vector<std::uint32_t>& signature) const {
  if (signature.size() != static_cast<std::size_t>(kResumeBins)) return {};
  std::array<Block, kResumeBins> blocks{};
  for (int bin = 0; bin < kResumeBins; ++bin) {
    blocks[bin][0] = static_cast<std::uint8_t>(bin);
    StoreBigEndian(signature[bin], &blocks[bin][1]);
  }
  resume_prf_.Apply(blocks);
  std::vector<std::uint32_t> bins(kResumeBins);
  for (int bin = 0; bin < kResumeBins; ++bin) bins[bin] = LoadBigEndian<std::uint32_t>(blocks[bin].data());
  return bins;
}

std::vector<NameForm> NameForms(const NormalizedName& name) {
  const std::vector<std::string> parts = graph::NameParts(name);
  std::vector<NameForm> forms;
  if (parts.empty()) return forms;
  forms.reserve(3 + 2 * parts.size());  // the whole-name forms, then a part and a skeleton each
  // The whole name (parts sorted and joined, so order does not matter), its letters sorted
  // (the same letters split otherwise: "min jun" / "minjun", as NamesAreOnePerson), given +
  // family alone (a middle name dropped), each part of two or more letters, and each part's
  // romanization skeleton (Kim/Gim, Choe/Choi).
  std::vector<std::string> sorted = parts;
  std::sort(sorted.begin(), sorted.end());
  std::string joined;
  for (const std::string& part : sorted) joined += part;
  forms.push_back({NameKeyKind::kWhole, "j" + joined});
  if (joined.size() >= 6) {
    std::string letters = joined;
    std::sort(letters.begin(), letters.end());
    forms.push_back({NameKeyKind::kWhole, "l" + letters});
  }
  if (!name.given.empty() && !name.family.empty()) {
    std::string given = name.given, family = name.family;
    if (family < given) std::swap(given, family);
    forms.push_back({NameKeyKind::kWhole, "g" + given + " " + family});
  }
  for (const std::string& part : parts) {
    if (part.size() >= 2) forms.push_back({NameKeyKind::kPart, part});
    if (part.size() >= 3) {
      const std::string skeleton = graph::RomanizationSkeleton(part);
      if (skeleton.size() >= 2) forms.push_back({NameKeyKind::kSkeleton, skeleton});
    }
  }
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  return forms;
}

std::vector<LabelledNameKey> SubmissionEncoder::BoundNameKeys(const NormalizedApplication& application,
                                                              const ConsortiumRecord& record) const {
  std::vector<LabelledNameKey> out;
  const std::vector<NameForm> forms = NameForms(application.name);
  if (forms.empty()) return out;
  // A name key is PRF(identifier, form) in two steps, so an application costs one HMAC per form
  // instead of one per pair: each form is digested once (HMAC under the name key), each
  // identifier gives a key (AES under the context key of its token), and the keys are AES under
  // the identifier's key of the form digests — a keyed permutation of a keyed digest, a PRF.
  std::vector<Block> digests(forms.size());
  std::string message;
  for (std::size_t form_idx = 0; form_idx < forms.size(); ++form_idx) {
    message.assign("form");
    message.push_back('\0');
    message.push_back(static_cast<char>(forms[form_idx].kind));
    message.append(forms[form_idx].form);
    digests[form_idx] = name_hasher_.Hash(message);
  }
  // The identifiers' keys: AES under the context key of each identifier's token (already a PRF
  // of kind and value), and of each bound photo table; one batch.
  std::vector<Block> context_keys;
  std::vector<TokenKind> context_kinds;
  std::vector<char> is_photo;
  const std::size_t most_contexts = record.tokens.size() + 4;
  context_keys.reserve(most_contexts);
  context_kinds.reserve(most_contexts);
  is_photo.reserve(most_contexts);
  for (const auto& [kind, token] : record.tokens) {
    if (!BindsNames(kind)) continue;
    context_keys.push_back(token);
    context_kinds.push_back(kind);
    is_photo.push_back(0);
  }
  for (std::size_t table = 0; table < 4 && table < record.photo_bands.size(); ++table) {
    Block block{};
    block[0] = static_cast<std::uint8_t>(0xF0 + table);
    StoreBigEndian(record.photo_bands[table], &block[1]);
    context_keys.push_back(block);
    context_kinds.push_back(TokenKind::kEmail);
    is_photo.push_back(1);
  }
  context_prf_.Apply(context_keys);
  std::vector<Block> blocks;
  std::vector<std::size_t> block_form;
  blocks.reserve(forms.size());
  block_form.reserve(forms.size());
  out.reserve(context_keys.size() * forms.size());
  for (std::size_t context_idx = 0; context_idx < context_keys.size(); ++context_idx) {
    const TokenKind kind = context_kinds[context_idx];
    // Whole names are also bound to the photo: a person who changed e-mail and phone between
    // companies keeps it, so the hub can still see one name behind the one photo (otherwise it
    // would take the person's own photo for reuse by another). Four photo tables: a re-encoded
    // photo keeps one with probability ~0.97. Parts are not bound there: a default avatar is
    // shared by many, and parts under it would be countable (docs/PRIVACY.md). Resumes are not
    // bound: career-centre templates are shared by many students, and namesakes among them
    // would be joined (measured: +80 false positives on the default world).
    const bool photo = is_photo[context_idx] != 0;
    const bool skeletons = !photo && BindsSkeletons(kind);
    blocks.clear();
    block_form.clear();
    for (std::size_t form_idx = 0; form_idx < forms.size(); ++form_idx) {
      const NameKeyKind form_kind = forms[form_idx].kind;
      if ((form_kind == NameKeyKind::kSkeleton && !skeletons) || (form_kind == NameKeyKind::kPart && photo)) continue;
      blocks.push_back(digests[form_idx]);
      block_form.push_back(form_idx);
    }
    BlockPrf(context_keys[context_idx]).Apply(blocks);
    for (std::size_t slot = 0; slot < blocks.size(); ++slot) {
      const NameKeyKind form_kind = forms[block_form[slot]].kind;
      out.push_back({NameKey{photo ? form_kind : Marked(form_kind, kind), blocks[slot]},
                     static_cast<std::uint32_t>(block_form[slot])});
    }
  }
  std::sort(out.begin(), out.end(), [](const LabelledNameKey& left, const LabelledNameKey& right) {
    return TokenLess(left.key.key, right.key.key);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const LabelledNameKey& left, const LabelledNameKey& right) {
                          return left.key == right.key;
                        }),
            out.end());
  return out;
}

void SubmissionEncoder::AddTokens(const NormalizedApplication& application, ConsortiumRecord* out) const {
  // The normalized values, in TokenKind order; empty ones are left out.
  out->tokens.reserve(kTokenKindCount);
  const auto add = [&](TokenKind kind, std::string_view value) {
    if (!value.empty()) out->tokens.emplace_back(kind, kind_hashers_[static_cast<std::size_t>(kind)].Hash(value));
  };
  add(TokenKind::kEmail, application.email);
  add(TokenKind::kPhone, application.phone_e164);
  add(TokenKind::kNationalId, application.national_id);
  add(TokenKind::kPayoutAccount, application.payout_account);
  add(TokenKind::kDevice, application.device_id);
  add(TokenKind::kHomeAddress, application.address_key);
  add(TokenKind::kShippingAddress, application.shipping_address_key);
  add(TokenKind::kLinkedin, application.linkedin);
  add(TokenKind::kGithub, application.github);
  add(TokenKind::kIp, application.ip_address);
  if (application.date_of_birth) add(TokenKind::kBirthDate, FormatDate(*application.date_of_birth));
  if (IsAgencySource(application.source)) add(TokenKind::kAgency, ToLowerAscii(application.source));
}

std::vector<LabelledNameKey> SubmissionEncoder::LabelledNameKeys(const NormalizedApplication& application,
                                                                 const ConsortiumRecord& record) const {
  return BoundNameKeys(application, record);
}

ConsortiumRecord SubmissionEncoder::Encode(const NormalizedApplication& application,
                                           const ApplicationRecord& record) const {
  ConsortiumRecord out;
  out.handle = Handle(application.company_id, application.application_id);
  if (application.submitted_at) out.submitted_hour = *application.submitted_at / 3600;
  AddTokens(application, &out);
  if (application.photo_hash) out.photo_bands = PhotoBands(*application.photo_hash);
  out.resume_bins = ResumeBins(graph::ResumeSignature(application, record, graph::EvidenceOptions{}));
  const std::vector<LabelledNameKey> name_keys = BoundNameKeys(application, out);
  out.name_keys.reserve(name_keys.size());
  for (const LabelledNameKey& labelled : name_keys) out.name_keys.push_back(labelled.key);
  out.name_transliterated = application.name.transliterated;
  out.line_type = application.line_type;
  out.ip_kind = application.ip_info.kind;
  out.ip_anonymous = application.ip_info.is_anonymous;
  out.ip_country = application.ip_info.country;
  out.country = application.country.size() == 2 ? application.country : std::string();
  out.ships_elsewhere = score::ShipsElsewhere(application);
  out.idv_status = ToLowerAscii(application.idv_status);
  out.interview_flags = application.interview_flags;
  out.stage = ToLowerAscii(application.stage);
  return out;
}

}  // namespace crosscheck::share
