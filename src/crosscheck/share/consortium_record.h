// What one company sends the consortium hub about one application: an opaque handle, keyed
// tokens of every artifact the network engine compares, keyed name keys bound to those
// artifacts, keyed band tokens of the photo and resume, and coarse context (line type, IP kind,
// countries, flags). No raw identifier, name, date, address, free text or application id.
// SubmissionEncoder (encoder.h) makes them; the hub (hub/) links them; submission_file.h
// stores them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/share/keyed_hash.h"

namespace crosscheck::share {

// TokenKind is what a token stands for. The names (TokenKindName) are part of the submission
// format and never renamed.
enum class TokenKind : std::uint8_t {
  kEmail,            // canonical e-mail
  kPhone,            // E.164
  kNationalId,
  kPayoutAccount,
  kDevice,
  kHomeAddress,      // address key (street|postal|country)
  kShippingAddress,  // normalized ship-to line
  kLinkedin,         // handle
  kGithub,           // handle
  kIp,               // canonical address
  kBirthDate,        // YYYY-MM-DD
  kAgency,           // the staffing agency that submitted the application ("agency:<name>")
};
inline constexpr std::size_t kTokenKindCount = 12;

// TokenKindName returns the stable name ("email", "phone", "national_id", ...).
const char* TokenKindName(TokenKind kind);

// NameKeyKind says what a name key stands for: a whole name (parts joined in sorted order, or
// given and family name alone), one part, or one part's romanization skeleton; bound to an
// identifier a person uses (e-mail, phone, device, account, addresses, photo) or to one that
// does not set a person apart from the name (date of birth and national id, which an identity
// thief copies with it; profile handles, typed from names). The hub links personas only on the
// first kind — the second would join a victim to the persona that stole her identity, or
// namesakes — and uses both to see one name behind a shared value.
enum class NameKeyKind : char {
  kWhole = 'f',
  kPart = 'p',
  kSkeleton = 's',
  kIdentityWhole = 'w',
  kIdentityPart = 'q',
  kIdentitySkeleton = 'k',
};

// NameKey is a keyed name key. Every key is bound to one identifier of the application (its
// e-mail, phone, date of birth, ...): the key is HMAC(name key, kind, identifier, name form),
// so two applications share a name key only when they share that identifier and that name
// form. A name key is therefore as rare as the identifier it is bound to, and the hub cannot
// count how often a name occurs across the consortium (no frequency attack; docs/PRIVACY.md).
struct NameKey {
  NameKeyKind kind = NameKeyKind::kWhole;
  Token key{};
  friend bool operator==(const NameKey&, const NameKey&) = default;
};

// ConsortiumRecord is one application as the hub sees it.
struct ConsortiumRecord {
  Token handle{};                                     // HMAC of (company, application id)
  std::optional<std::int64_t> submitted_hour;         // Unix time / 3600
  std::vector<std::pair<TokenKind, Token>> tokens;    // at most one per kind, in kind order
  std::vector<NameKey> name_keys;                     // sorted, distinct
  std::vector<std::uint64_t> photo_bands;             // kPhotoBands tokens, or empty
  std::vector<std::uint32_t> resume_bins;             // kResumeBins keyed MinHash bins, or empty
  // Coarse context, judged by the company; none of it identifies a person.
  LineType line_type = LineType::kUnknown;
  IpKind ip_kind = IpKind::kUnknown;
  bool ip_anonymous = false;
  std::string ip_country;        // ISO alpha-2 or empty
  std::string country;           // claimed residence, ISO alpha-2 or empty
  std::optional<bool> ships_elsewhere;
  std::string idv_status;        // passed / review / failed / ...
  std::vector<std::string> interview_flags;  // upper-case codes
  std::string stage;
  // The name was written in a non-Latin script and transliterated: such a name cannot be
  // compared with a Latin spelling (graph::WrittenInDifferentScripts), only used to avoid
  // calling two spellings of one person different people.
  bool name_transliterated = false;
};

// Photo bands and resume bins. Photos: kPhotoBands tables, each keyed on kPhotoBandBits pHash bits
// at fixed public positions (format 2; format 1 chose them by the consortium key: photo_bits.h)
// (bit-sampling LSH, Indyk & Motwani 1998): two hashes d bits apart
// agree on a table with probability (1 - d/64)^16 — 0.35 at d = 4, 0.07 at d = 10 — so
// near-duplicates share several tables and unrelated photos (d ~ 32) none. Resumes: each of the
// 128 MinHash bins keyed on its own (AES of bin index and value, 32 bits kept), so the hub's
// estimate of Jaccard similarity (the share of equal bins) and its banded LSH are the plaintext
// engine's, while a bin reveals nothing of the shingle behind it.
inline constexpr int kPhotoBands = 32;
inline constexpr int kPhotoBandBits = 16;
inline constexpr int kResumeBins = 128;

// SubmissionFormat is the version of the submission file (its first line). Format 2 samples
// the photo tables' pHash bits at public positions, format 1 at positions drawn from the
// consortium key; everything else in a record means the same in both, except the name keys
// bound to photo tables (encoder.cc), which are made from the photo band tokens. Photo band
// tokens of two formats are never compared (hub/consortium_view.cc).
enum class SubmissionFormat : std::uint8_t {
  kV1 = 1,
  kV2 = 2,
};
inline constexpr SubmissionFormat kCurrentSubmissionFormat = SubmissionFormat::kV2;

// Submission is one company's file for one epoch.
struct Submission {
  std::string company_id;
  std::string epoch;
  std::string key_id;  // KeyId of the consortium key (a public fingerprint)
  std::vector<ConsortiumRecord> records;
  SubmissionFormat format = kCurrentSubmissionFormat;  // what its photo band tokens mean
};

}  // namespace crosscheck::share
