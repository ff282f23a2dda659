#include "crosscheck/share/encoder.h"

#include <algorithm>
#include <cstring>

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

bool IsAgency(std::string_view source) {
  return source.size() > 7 && EqualsIgnoreCaseAscii(source.substr(0, 7), "agency:");
}

// Name keys are bound to the identifiers a person keeps across applications; IPs, photos and
// resumes are shared by design or fuzzy, and agencies are not the applicant's.
bool BindsNames(TokenKind kind) { return kind != TokenKind::kIp && kind != TokenKind::kAgency; }

}  // namespace

SubmissionEncoder::SubmissionEncoder(const ConsortiumKey& key, std::string epoch)
    : epoch_(std::move(epoch)),
      key_id_(KeyId(key)),
      name_hasher_(KeyedHasher::Derived(key, "name", epoch_)),
      photo_hasher_(KeyedHasher::Derived(key, "photo", epoch_)),
      resume_hasher_(KeyedHasher::Derived(key, "resume", epoch_)),
      handle_hasher_(KeyedHasher::Derived(key, "handle", epoch_)) {
  for (std::size_t kind_idx = 0; kind_idx < kTokenKindCount; ++kind_idx) {
    kind_hashers_.push_back(KeyedHasher::Derived(
        key, std::string("token:") + TokenKindName(static_cast<TokenKind>(kind_idx)), epoch_));
  }
  // The sampled bits of each photo table come from the key, so the hub cannot tell which bits
  // a band holds (nor invert a band of 16 bits by enumeration: the token is keyed anyway).
  const KeyedHasher bits = KeyedHasher::Derived(key, "photo-bits", epoch_);
  for (int table = 0; table < kPhotoBands; ++table) {
    std::array<std::uint8_t, 64> order{};
    for (int bit = 0; bit < 64; ++bit) order[bit] = static_cast<std::uint8_t>(bit);
    // Fisher-Yates with keyed draws; only the first kPhotoBandBits positions are used.
    for (int slot = 0; slot < kPhotoBandBits; ++slot) {
      const std::string message = std::to_string(table) + ":" + std::to_string(slot);
      const auto pick = slot + static_cast<int>(bits.Hash64(message) % static_cast<std::uint64_t>(64 - slot));
      std::swap(order[slot], order[pick]);
      photo_bits_[table][slot] = order[slot];
    }
  }
}

Token SubmissionEncoder::Handle(std::string_view company_id, std::string_view application_id) const {
  std::string message(company_id);
  message.push_back('\0');
  message.append(application_id);
  return handle_hasher_.Hash(message);
}

std::vector<std::uint64_t> SubmissionEncoder::PhotoBands(std::uint64_t photo_hash) const {
  std::vector<std::uint64_t> bands;
  bands.reserve(kPhotoBands);
  for (int table = 0; table < kPhotoBands; ++table) {
    std::uint32_t sampled = 0;
    for (int slot = 0; slot < kPhotoBandBits; ++slot) {
      sampled = (sampled << 1) | static_cast<std::uint32_t>((photo_hash >> photo_bits_[table][slot]) & 1);
    }
    // Bytes in a fixed order, so members on any machine make the same tokens.
    const char message[3] = {static_cast<char>(table), static_cast<char>(sampled >> 8), static_cast<char>(sampled)};
    bands.push_back(photo_hasher_.Hash64(std::string_view(message, sizeof message)));
  }
  return bands;
}

std::vector<std::uint64_t> SubmissionEncoder::ResumeBands(const std::vector<std::uint32_t>& signature) const {
  std::vector<std::uint64_t> bands;
  if (signature.size() != static_cast<std::size_t>(kResumeBands * kResumeBandBins)) return bands;
  bands.reserve(kResumeBands);
  for (int band = 0; band < kResumeBands; ++band) {
    char message[1 + kResumeBandBins * 4];
    message[0] = static_cast<char>(band);
    for (int bin = 0; bin < kResumeBandBins; ++bin) {
      const std::uint32_t value = signature[band * kResumeBandBins + bin];
      for (int byte = 0; byte < 4; ++byte) message[1 + bin * 4 + byte] = static_cast<char>(value >> (24 - 8 * byte));
    }
    bands.push_back(resume_hasher_.Hash64(std::string_view(message, sizeof message)));
  }
  return bands;
}

void SubmissionEncoder::AddNameKeys(const NormalizedApplication& application, const ConsortiumRecord&,
                                    const std::vector<std::pair<TokenKind, std::string>>& contexts,
                                    std::vector<NameKey>* out) const {
  const std::vector<std::string> parts = graph::NameParts(application.name);
  if (parts.empty()) return;
  // Name forms, computed once: the whole name (parts sorted and joined, so order and "min jun"
  // / "minjun" do not matter), given + family alone (a middle name dropped), each part of two
  // or more letters, and each part's romanization skeleton (Kim/Gim, Choe/Choi).
  std::vector<std::pair<NameKeyKind, std::string>> forms;
  std::vector<std::string> sorted = parts;
  std::sort(sorted.begin(), sorted.end());
  std::string joined;
  for (const std::string& part : sorted) joined += part;
  forms.emplace_back(NameKeyKind::kWhole, "j" + joined);
  if (!application.name.given.empty() && !application.name.family.empty()) {
    std::string given = application.name.given, family = application.name.family;
    if (family < given) std::swap(given, family);
    forms.emplace_back(NameKeyKind::kWhole, "g" + given + " " + family);
  }
  for (const std::string& part : parts) {
    if (part.size() >= 2) forms.emplace_back(NameKeyKind::kPart, part);
    if (part.size() >= 3) {
      const std::string skeleton = graph::RomanizationSkeleton(part);
      if (skeleton.size() >= 2) forms.emplace_back(NameKeyKind::kSkeleton, skeleton);
    }
  }
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  std::string message;
  for (const auto& [kind, value] : contexts) {
    if (!BindsNames(kind)) continue;
    for (const auto& [form_kind, form] : forms) {
      message.assign(TokenKindName(kind));
      message.push_back('\0');
      message.append(value);
      message.push_back('\0');
      message.push_back(static_cast<char>(form_kind));
      message.append(form);
      out->push_back(NameKey{form_kind, name_hasher_.Hash(message)});
    }
  }
  std::sort(out->begin(), out->end(), [](const NameKey& left, const NameKey& right) {
    return left.key < right.key;
  });
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

ConsortiumRecord SubmissionEncoder::Encode(const NormalizedApplication& application,
                                           const ApplicationRecord& record) const {
  ConsortiumRecord out;
  out.handle = Handle(application.company_id, application.application_id);
  if (application.submitted_at) out.submitted_hour = *application.submitted_at / 3600;
  // The normalized values, in TokenKind order; empty ones are left out.
  std::vector<std::pair<TokenKind, std::string>> values = {
      {TokenKind::kEmail, application.email},
      {TokenKind::kPhone, application.phone_e164},
      {TokenKind::kNationalId, application.national_id},
      {TokenKind::kPayoutAccount, application.payout_account},
      {TokenKind::kDevice, application.device_id},
      {TokenKind::kHomeAddress, application.address_key},
      {TokenKind::kShippingAddress, application.shipping_address_key},
      {TokenKind::kLinkedin, application.linkedin},
      {TokenKind::kGithub, application.github},
      {TokenKind::kIp, application.ip_address},
      {TokenKind::kBirthDate, application.date_of_birth ? FormatDate(*application.date_of_birth) : std::string()},
      {TokenKind::kAgency, IsAgency(application.source) ? ToLowerAscii(application.source) : std::string()},
  };
  std::erase_if(values, [](const auto& entry) { return entry.second.empty(); });
  for (const auto& [kind, value] : values) {
    out.tokens.emplace_back(kind, kind_hashers_[static_cast<std::size_t>(kind)].Hash(value));
  }
  AddNameKeys(application, out, values, &out.name_keys);
  if (application.photo_hash) out.photo_bands = PhotoBands(*application.photo_hash);
  out.resume_bands = ResumeBands(graph::ResumeSignature(application, record, graph::EvidenceOptions{}));
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
