#include "crosscheck/graph/evidence_edge.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "crosscheck/common/check.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"
#include "crosscheck/common/union_find.h"
#include "crosscheck/graph/internal/near_duplicate.h"
#include "crosscheck/graph/internal/one_person.h"
#include "crosscheck/graph/internal/residences.h"
#include "crosscheck/graph/internal/ring_evidence.h"
#include "crosscheck/graph/name_match.h"

namespace crosscheck::graph {

const char* ArtifactKindName(ArtifactKind kind) {
  switch (kind) {
    case ArtifactKind::kPhone: return "phone";
    case ArtifactKind::kEmail: return "email";
    case ArtifactKind::kDevice: return "device";
    case ArtifactKind::kPayoutAccount: return "payout_account";
    case ArtifactKind::kShippingAddress: return "shipping_address";
    case ArtifactKind::kHomeAddress: return "home_address";
    case ArtifactKind::kNationalId: return "national_id";
    case ArtifactKind::kGithub: return "github";
    case ArtifactKind::kLinkedin: return "linkedin";
    case ArtifactKind::kPhoto: return "photo";
    case ArtifactKind::kResume: return "resume";
    case ArtifactKind::kIp: return "ip";
  }
  return "unknown";
}

namespace {

std::string Fingerprint(std::string_view value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "#%06llx",
                static_cast<unsigned long long>(internal::Fnv1a64(value) & 0xffffffULL));
  return buffer;
}

// KeepEnds shows `head` leading and `tail` trailing characters, stars between.
std::string KeepEnds(std::string_view value, std::size_t head, std::size_t tail) {
  if (value.size() <= head + tail) return std::string(value.size(), '*') + " " + Fingerprint(value);
  std::string masked(value.substr(0, head));
  masked.append(value.size() - head - tail, '*');
  masked.append(value.substr(value.size() - tail));
  return masked + " " + Fingerprint(value);
}

}  // namespace

std::string MaskArtifactValue(ArtifactKind kind, std::string_view value) {
  switch (kind) {
    case ArtifactKind::kPhone: return KeepEnds(value, 3, 2);
    case ArtifactKind::kNationalId: return KeepEnds(value, 0, 2);
    case ArtifactKind::kPayoutAccount: return KeepEnds(value, 2, 2);
    case ArtifactKind::kDevice: return KeepEnds(value, 4, 0);
    case ArtifactKind::kEmail: {
      const std::size_t at = value.find('@');
      if (at == std::string_view::npos) return KeepEnds(value, 1, 0);
      return std::string(value.substr(0, 1)) + "***" + std::string(value.substr(at)) + " " +
             Fingerprint(value);
    }
    case ArtifactKind::kHomeAddress:
    case ArtifactKind::kShippingAddress: {
      // The country (last key part / last word) helps a reviewer; the rest is a fingerprint.
      const std::size_t cut = value.find_last_of("| ,");
      const std::string_view tail = cut == std::string_view::npos ? "" : value.substr(cut + 1);
      return "address " + Fingerprint(value) + (tail.empty() ? "" : " (" + std::string(tail) + ")");
    }
    case ArtifactKind::kGithub:
    case ArtifactKind::kLinkedin:
    case ArtifactKind::kPhoto:
    case ArtifactKind::kResume:
    case ArtifactKind::kIp: return std::string(value);
  }
  return std::string(value);
}

namespace {

bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Word is one word (a run of word bytes) of a text: its Fnv1a64 lower-cased (ASCII), hashed
// as it is read so that no word becomes a string, and where it ends.
struct Word {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // Fnv1a64's seed
  bool digits_only = true;
  std::size_t end = 0;
};

// ReadWord returns the word that starts at `pos`, a word byte.
Word ReadWord(std::string_view text, std::size_t pos) {
  Word word;
  for (; pos < text.size() && IsWordByte(static_cast<unsigned char>(text[pos])); ++pos) {
    const char c = text[pos];
    word.digits_only = word.digits_only && c >= '0' && c <= '9';
    word.hash ^= static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    word.hash *= 0x100000001b3ULL;
  }
  word.end = pos;
  return word;
}

// AddWordHashes appends the hash of each word of `text` to `hashes`.
void AddWordHashes(std::string_view text, std::vector<std::uint64_t>* hashes) {
  for (std::size_t pos = 0; pos < text.size();) {
    if (!IsWordByte(static_cast<unsigned char>(text[pos]))) {
      ++pos;
      continue;
    }
    const Word word = ReadWord(text, pos);
    hashes->push_back(word.hash);
    pos = word.end;
  }
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// IsContactToken: URLs and e-mail addresses are contact details whatever their form.
// `has_at` and `has_colon` come from the scan that found the token's end, so most tokens
// need no search of their own.
bool IsContactToken(std::string_view raw, bool has_at, bool has_colon) {
  return has_at || (has_colon && raw.find("://") != std::string_view::npos) ||
         (raw.size() > 4 && EqualsIgnoreCaseAscii(raw.substr(0, 4), "www."));
}

// ResumeShingles hashes the word k-grams of the resume after removing what identifies the
// applicant: a template reused by an operation keeps its shingles when the name and
// contact details are swapped, while two strangers' contact lines never make them similar.
// OwnWordHashes are the sorted hashes of the words that identify the applicant.
std::vector<std::uint64_t> OwnWordHashes(const NormalizedApplication& application, const ApplicationRecord& record) {
  std::vector<std::uint64_t> own_hashes;
  own_hashes.reserve(32);  // a name, an e-mail and two handles: rarely more words
  AddWordHashes(record.full_name, &own_hashes);
  AddWordHashes(application.name.full, &own_hashes);
  for (const std::string& token : application.name.tokens) own_hashes.push_back(internal::Fnv1a64(token));
  for (const std::string* text : {&record.email, &application.email, &application.linkedin, &application.github,
                                  &record.linkedin, &record.github}) {
    AddWordHashes(*text, &own_hashes);
  }
  std::sort(own_hashes.begin(), own_hashes.end());
  return own_hashes;
}

// OwnWordFilter is a 256-bit Bloom filter (one probe, top 8 bits) of the applicant's word
// hashes: most resume words are not the applicant's, and the filter rejects them without a
// binary search (whose branches a CPU cannot predict).
class OwnWordFilter {
 public:
  explicit OwnWordFilter(const std::vector<std::uint64_t>& own_hashes) : own_hashes_(own_hashes) {
    for (std::uint64_t hash : own_hashes) bits_[hash >> 62] |= Bit(hash);
  }
  bool Contains(std::uint64_t hash) const {
    return (bits_[hash >> 62] & Bit(hash)) != 0 && std::binary_search(own_hashes_.begin(), own_hashes_.end(), hash);
  }

 private:
  static std::uint64_t Bit(std::uint64_t hash) { return std::uint64_t{1} << ((hash >> 56) & 63); }

  const std::vector<std::uint64_t>& own_hashes_;
  std::array<std::uint64_t, 4> bits_{};
};

std::vector<std::uint64_t> ResumeShingles(std::string_view text, const std::vector<std::uint64_t>& own_hashes,
                                          int shingle_words) {
  // One pass, no per-word strings; words are at most every other byte, so one allocation,
  // and the shingles are made in place of the words.
  const OwnWordFilter own(own_hashes);
  std::vector<std::uint64_t> words;
  words.reserve(text.size() / 2 + 1);
  // One pass over the whitespace-separated tokens: a token's words are kept, then dropped
  // again if the token turns out to be a contact detail.
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    const std::size_t token_start = pos;
    const std::size_t words_before = words.size();
    bool has_at = false, has_colon = false;
    while (pos < text.size() && !IsSpace(text[pos])) {
      if (IsWordByte(static_cast<unsigned char>(text[pos]))) {
        const Word word = ReadWord(text, pos);
        // Digits are phone numbers, dates and postcodes: never template content.
        if (!word.digits_only && !own.Contains(word.hash)) words.push_back(word.hash);
        pos = word.end;
      } else {
        has_at = has_at || text[pos] == '@';
        has_colon = has_colon || text[pos] == ':';
        ++pos;
      }
    }
    if (IsContactToken(text.substr(token_start, pos - token_start), has_at, has_colon)) words.resize(words_before);
  }
  const auto k = static_cast<std::size_t>(std::max(1, shingle_words));
  if (words.size() < k) return {};
  // Shingle `start` reads words start..start+k-1 and is written over word `start`, read last.
  const std::size_t shingles = words.size() - k + 1;
  for (std::size_t start = 0; start < shingles; ++start) {
    std::uint64_t hash = 0;
    for (std::size_t offset = 0; offset < k; ++offset) hash = internal::Mix64(hash ^ words[start + offset]);
    words[start] = hash;
  }
  words.resize(shingles);
  return words;
}

}  // namespace

std::vector<std::uint32_t> ResumeSignature(const NormalizedApplication& application,
                                           const ApplicationRecord& record, const EvidenceOptions& options) {
  if (record.resume_text.empty()) return {};
  return internal::ComputeMinHash(
      ResumeShingles(record.resume_text, OwnWordHashes(application, record), options.resume_shingle_words),
      options.resume_min_shingles);
}

bool AgencyMayShare(ArtifactKind kind) {
  switch (kind) {
    case ArtifactKind::kEmail:
    case ArtifactKind::kPhone:
    case ArtifactKind::kIp:
    case ArtifactKind::kDevice:
    case ArtifactKind::kResume:
      return true;
    default:
      return false;
  }
}

namespace {

// ExactCandidates groups applications by an exact normalized value of one kind.
void AddExactCandidates(const std::vector<NormalizedApplication>& applications, ArtifactKind kind,
                        const std::string& (*field)(const NormalizedApplication&),
                        std::vector<ArtifactCandidate>* out) {
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_value;
  by_value.reserve(applications.size());
  for (std::size_t app_idx = 0; app_idx < applications.size(); ++app_idx) {
    const std::string& value = field(applications[app_idx]);
    if (!value.empty()) by_value[value].push_back(app_idx);
  }
  for (auto& [value, members] : by_value) {
    if (members.size() < 2) continue;
    out->push_back(ArtifactCandidate{kind, std::string(value), std::move(members), 1.0});
  }
}

void AddPhotoCandidates(const std::vector<NormalizedApplication>& applications, int max_hamming,
                        std::vector<ArtifactCandidate>* out) {
  std::vector<std::uint64_t> distinct;
  for (const NormalizedApplication& application : applications) {
    if (application.photo_hash) distinct.push_back(*application.photo_hash);
  }
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  const auto pairs = internal::FindNearHashPairs(distinct, std::clamp(max_hamming, 0, 7));
  UnionFind groups(distinct.size());
  std::vector<int> worst_distance(distinct.size(), 0);
  for (const auto& [left, right] : pairs) groups.Union(left, right);
  for (const auto& [left, right] : pairs) {
    const std::uint32_t root = groups.Find(left);
    worst_distance[root] =
        std::max(worst_distance[root], std::popcount(distinct[left] ^ distinct[right]));
  }
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> by_root;
  for (std::size_t app_idx = 0; app_idx < applications.size(); ++app_idx) {
    if (!applications[app_idx].photo_hash) continue;
    const auto hash_idx = static_cast<std::uint32_t>(
        std::lower_bound(distinct.begin(), distinct.end(), *applications[app_idx].photo_hash) -
        distinct.begin());
    by_root[groups.Find(hash_idx)].push_back(app_idx);
  }
  for (auto& [root, members] : by_root) {
    char value[24];
    // The root is the smallest hash of the group: a representative independent of row order.
    std::snprintf(value, sizeof value, "%016llx", static_cast<unsigned long long>(distinct[root]));
    out->push_back(ArtifactCandidate{ArtifactKind::kPhoto, value, std::move(members),
                             1.0 - worst_distance[root] / 64.0});
  }
}

constexpr std::uint32_t kNoSignature = std::numeric_limits<std::uint32_t>::max();

std::vector<internal::MinHashSignature> ResumeSignatures(const std::vector<NormalizedApplication>& applications,
                                                       const std::vector<ApplicationRecord>& records,
                                                       const EvidenceOptions& options) {
  std::vector<internal::MinHashSignature> signatures(applications.size());
  // Signatures are independent per application: two threads halve the dominant cost.
  // A heavy applier sends one resume under one name to many companies: each thread computes
  // the signature once per distinct (text, identifying words) and copies it for the repeats.
  auto compute = [&](std::size_t begin, std::size_t end) {
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> seen;
    std::vector<std::vector<std::uint64_t>> own_of(end - begin);
    for (std::size_t app_idx = begin; app_idx < end; ++app_idx) {
      const std::string& text = records[app_idx].resume_text;
      if (text.empty()) continue;
      std::vector<std::uint64_t>& own = own_of[app_idx - begin];
      own = OwnWordHashes(applications[app_idx], records[app_idx]);
      std::uint64_t key = std::hash<std::string_view>{}(text);
      for (std::uint64_t hash : own) key = internal::Mix64(key ^ hash);
      std::vector<std::size_t>& same_key = seen[key];
      const auto repeat = std::find_if(same_key.begin(), same_key.end(), [&](std::size_t earlier) {
        return records[earlier].resume_text == text && own_of[earlier - begin] == own;
      });
      if (repeat != same_key.end()) {
        signatures[app_idx] = signatures[*repeat];
        continue;
      }
      same_key.push_back(app_idx);
      signatures[app_idx] = internal::ComputeMinHash(ResumeShingles(text, own, options.resume_shingle_words),
                                                     options.resume_min_shingles);
    }
  };
  const std::size_t half = applications.size() / 2;
  if (applications.size() >= 2048) {
    std::thread worker(compute, half, applications.size());
    compute(0, half);
    worker.join();
  } else {
    compute(0, applications.size());
  }
  return signatures;
}

// AddResumeCandidates groups applications whose resume signatures (computed here, or keyed
// ones from the consortium hub, whose bins compare alike) are near-duplicates.
void AddResumeCandidates(const std::vector<NormalizedApplication>& applications,
                         const std::vector<internal::MinHashSignature>& signatures,
                         const EvidenceOptions& options, std::vector<ArtifactCandidate>* out) {
  std::vector<const std::vector<std::uint32_t>*> signature_of(applications.size());
  std::vector<std::string_view> ids(applications.size());
  for (std::size_t app_idx = 0; app_idx < applications.size(); ++app_idx) {
    signature_of[app_idx] = &signatures[app_idx];
    ids[app_idx] = applications[app_idx].application_id;
  }
  for (NearDuplicateGroup& group : FindResumeGroups(signature_of, ids, options)) {
    out->push_back(ArtifactCandidate{group.kind, std::move(group.value), std::move(group.applications), group.similarity});
  }
}

void AddIpCandidates(const std::vector<NormalizedApplication>& applications,
                     std::int64_t window_seconds, std::vector<ArtifactCandidate>* out) {
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_ip;
  for (std::size_t app_idx = 0; app_idx < applications.size(); ++app_idx) {
    if (!applications[app_idx].ip_address.empty()) {
      by_ip[applications[app_idx].ip_address].push_back(app_idx);
    }
  }
  for (auto& [ip, members] : by_ip) {
    if (members.size() < 2) continue;
    // Every IP, anonymizing or not, ties applications only within the window: a commercial VPN
    // exit serves thousands of strangers over a year, a residential address is reassigned.
    std::vector<std::pair<std::int64_t, std::size_t>> timed;
    for (std::size_t app_idx : members) {
      if (applications[app_idx].submitted_at) {
        timed.emplace_back(*applications[app_idx].submitted_at, app_idx);
      }
    }
    std::sort(timed.begin(), timed.end());
    for (std::size_t begin = 0; begin < timed.size();) {
      std::size_t end = begin + 1;
      while (end < timed.size() && timed[end].first - timed[end - 1].first <= window_seconds) ++end;
      if (end - begin >= 2) {
        std::vector<std::size_t> segment;
        for (std::size_t slot = begin; slot < end; ++slot) segment.push_back(timed[slot].second);
        out->push_back(ArtifactCandidate{ArtifactKind::kIp,
                                 std::string(ip) + " from " + FormatTimestamp(timed[begin].first),
                                 std::move(segment), 1.0});
      }
      begin = end;
    }
  }
}

const std::string& PhoneOf(const NormalizedApplication& a) { return a.phone_e164; }
const std::string& EmailOf(const NormalizedApplication& a) { return a.email; }
const std::string& DeviceOf(const NormalizedApplication& a) { return a.device_id; }
const std::string& PayoutOf(const NormalizedApplication& a) { return a.payout_account; }
const std::string& ShippingOf(const NormalizedApplication& a) { return a.shipping_address_key; }
const std::string& HomeOf(const NormalizedApplication& a) { return a.address_key; }
const std::string& NationalIdOf(const NormalizedApplication& a) { return a.national_id; }
const std::string& GithubOf(const NormalizedApplication& a) { return a.github; }
const std::string& LinkedinOf(const NormalizedApplication& a) { return a.linkedin; }

// HasValue says whether an application holds a value of `kind` at all (the denominator of
// the kind's sharing rate).
bool HasValue(const NormalizedApplication& a, const ApplicationRecord& record, ArtifactKind kind,
              const PrecomputedNearDuplicates* near_duplicates, std::size_t app_idx) {
  if (near_duplicates != nullptr && kind == ArtifactKind::kPhoto) return near_duplicates->has_photo[app_idx] != 0;
  if (near_duplicates != nullptr && kind == ArtifactKind::kResume) {
    return !near_duplicates->resume_signatures[app_idx].empty();
  }
  switch (kind) {
    case ArtifactKind::kPhone: return !a.phone_e164.empty();
    case ArtifactKind::kEmail: return !a.email.empty();
    case ArtifactKind::kDevice: return !a.device_id.empty();
    case ArtifactKind::kPayoutAccount: return !a.payout_account.empty();
    case ArtifactKind::kShippingAddress: return !a.shipping_address_key.empty();
    case ArtifactKind::kHomeAddress: return !a.address_key.empty();
    case ArtifactKind::kNationalId: return !a.national_id.empty();
    case ArtifactKind::kGithub: return !a.github.empty();
    case ArtifactKind::kLinkedin: return !a.linkedin.empty();
    case ArtifactKind::kPhoto: return a.photo_hash.has_value();
    case ArtifactKind::kResume: return !record.resume_text.empty();
    case ArtifactKind::kIp: return !a.ip_address.empty();
  }
  return false;
}

// The constants of the weight formula (documented in evidence_edge.h and INDICATORS.md).
constexpr double kReferenceSharingRate = 0.05;  // kinds shared this rarely get full weight
constexpr double kMinKindFactor = 0.2;
constexpr double kSharingPriorPersonas = 20;
constexpr double kMinGenericScale = 16;
constexpr double kMaxGenericScale = 32;
constexpr double kGenericScalePerMedian = 4;
constexpr double kSingleCompanyFactor = 0.6;
constexpr double kMinEdgeWeight = 1e-3;
// IPs that serve many people by design (VPN and proxy exits, hosting, mobile carrier NAT,
// office and campus NAT) tie strangers every day: sharing one corroborates other evidence
// but is not a tie on its own. A residential (or unknown) address shared by different
// households within the window is the laptop-farm signal and keeps full weight.
constexpr double kSharedByDesignIpFactor = 0.3;

double IpKindFactor(const NormalizedApplication& holder) {
  if (holder.ip_info.is_anonymous) return kSharedByDesignIpFactor;
  switch (holder.ip_info.kind) {
    case IpKind::kUnknown:
    case IpKind::kResidential: return 1.0;
    case IpKind::kMobile:
    case IpKind::kBusiness:
    case IpKind::kHosting:
    case IpKind::kVpn:
    case IpKind::kProxy:
    case IpKind::kTor: return kSharedByDesignIpFactor;
  }
  return 1.0;
}

double SizeFactor(std::size_t personas, double generic_scale) {
  const double n = static_cast<double>(personas);
  // Two sharers may be a household or a couple; three "different" people holding one payout
  // account or phone rarely are. Past the kind's generic scale the value is a NAT, an
  // agency or a placeholder, and the weight falls with the square of the size.
  const double ramp = std::min(1.0, (n - 1) / 2);
  const double generic = 1 / (1 + (n / generic_scale) * (n / generic_scale));
  return ramp * generic;
}


// IdentityUnits splits each persona into the people it names: its applications whose names
// share a part (NamesShareAPart) and whose dates of birth do not disagree are one identity. A
// well-linked persona is one identity; a persona that linkage over-merged (two people behind a
// family phone, a cell behind a phone pool) is several, so what they share still counts.
// Identities are numbered densely; the order within a persona follows application ids, so the
// split is independent of row order.
std::vector<std::uint32_t> IdentityUnits(const std::vector<NormalizedApplication>& applications,
                                         const std::vector<std::uint32_t>& persona_index,
                                         std::size_t persona_count) {
  std::vector<std::vector<std::size_t>> members(persona_count);
  for (std::size_t app_idx = 0; app_idx < applications.size(); ++app_idx) {
    members[persona_index[app_idx]].push_back(app_idx);
  }
  std::vector<std::uint32_t> identity(applications.size(), 0);
  std::uint32_t next = 0;
  // Forms (distinct name and date of birth) are joined step by step, so a nickname, a maiden
  // and a married name of one person ("Amy Wu" - "Jie Wu" - "Jie Liu") are one identity
  // whatever order the applications come in.
  constexpr std::size_t kMaxComparedForms = 512;
  auto one_person = [&](const NormalizedApplication& a, const NormalizedApplication& b) {
    // A nameless application, or one name spelt alike, is judged by the dates of birth alone.
    const bool births_agree = !a.date_of_birth || !b.date_of_birth || *a.date_of_birth == *b.date_of_birth;
    if (a.name.tokens.empty() || b.name.tokens.empty() || a.name.full == b.name.full) return births_agree;
    return CouldBeOnePerson(a, b, /*compare_births=*/true);
  };
  std::vector<std::size_t> forms;      // first application of each form
  std::vector<std::uint32_t> form_of;  // per application of the persona
  std::vector<std::int64_t> number_of_root;
  for (std::vector<std::size_t>& apps : members) {
    if (apps.empty()) continue;
    std::sort(apps.begin(), apps.end(), [&](std::size_t left, std::size_t right) {
      return applications[left].application_id < applications[right].application_id;
    });
    forms.clear();
    form_of.clear();
    for (std::size_t app_idx : apps) {
      const NormalizedApplication& a = applications[app_idx];
      std::size_t found = forms.size();
      for (std::size_t slot = 0; slot < forms.size(); ++slot) {
        const NormalizedApplication& rep = applications[forms[slot]];
        if (rep.name.full == a.name.full && rep.date_of_birth == a.date_of_birth) {
          found = slot;
          break;
        }
      }
      if (found == forms.size()) forms.push_back(app_idx);
      form_of.push_back(static_cast<std::uint32_t>(found));
    }
    UnionFind joined(forms.size());
    for (std::size_t right = 1; right < forms.size(); ++right) {
      for (std::size_t left = 0; left < right && left < kMaxComparedForms; ++left) {
        if (joined.Find(static_cast<std::uint32_t>(left)) == joined.Find(static_cast<std::uint32_t>(right))) continue;
        if (one_person(applications[forms[left]], applications[forms[right]])) {
          joined.Union(static_cast<std::uint32_t>(left), static_cast<std::uint32_t>(right));
        }
      }
    }
    number_of_root.assign(forms.size(), -1);
    for (std::size_t slot = 0; slot < apps.size(); ++slot) {
      const std::uint32_t root = joined.Find(form_of[slot]);
      if (number_of_root[root] < 0) number_of_root[root] = next++;
      identity[apps[slot]] = static_cast<std::uint32_t>(number_of_root[root]);
    }
  }
  return identity;
}


// ClearedSharing answers whether a reviewer's decision explains an artifact: a cleared group
// (EvidenceOptions::cleared_groups) explains what its first application's persona shares with
// the group's other personas, and nothing that reaches beyond them.
class ClearedSharing {
 public:
  // `identity` maps applications to the identity units parties are made of (IdentityUnits).
  ClearedSharing(const std::vector<std::uint32_t>& identity, const std::vector<std::vector<std::size_t>>* groups)
      : identity_(identity) {
    if (groups == nullptr) return;
    for (const std::vector<std::size_t>& group : *groups) {
      if (group.empty() || group.front() >= identity.size()) continue;
      std::vector<std::uint32_t> units;
      for (std::size_t app_idx : group) {
        if (app_idx < identity.size()) units.push_back(identity[app_idx]);
      }
      std::sort(units.begin(), units.end());
      units.erase(std::unique(units.begin(), units.end()), units.end());
      by_anchor_.emplace(identity[group.front()], std::move(units));
    }
  }

  bool Explains(const SharedArtifact& artifact) const {
    if (by_anchor_.empty()) return false;
    std::vector<std::uint32_t> holders;
    for (std::size_t app_idx : artifact.applications) holders.push_back(identity_[app_idx]);
    std::sort(holders.begin(), holders.end());
    holders.erase(std::unique(holders.begin(), holders.end()), holders.end());
    for (std::uint32_t anchor : holders) {
      const auto [begin, end] = by_anchor_.equal_range(anchor);
      for (auto group = begin; group != end; ++group) {
        if (std::includes(group->second.begin(), group->second.end(), holders.begin(), holders.end())) return true;
      }
    }
    return false;
  }

 private:
  const std::vector<std::uint32_t>& identity_;
  std::unordered_multimap<std::uint32_t, std::vector<std::uint32_t>> by_anchor_;  // anchor unit -> group's units
};

// AssignParties sets party_count and explained_by of every artifact. Households are the
// connected groups of personas sharing residences (internal::GroupResidences: a home address
// under all its keys) held by at most
// household_max_personas people each whose residents show no ring evidence (RingEvidence): a
// family or flat shares its address, home IP, often a computer, a landline and sometimes a joint
// account, and none of that is an operation. An operation shows when the same value spans
// parties (other residences, other names), or when people under one roof share what a household
// does not (internal::RingEvidence: a photo or an identity document between two, one payout
// account, one resume or one virtual phone number among three).
void AssignParties(const std::vector<NormalizedApplication>& applications,
                   const std::vector<std::uint32_t>& identity, const EvidenceOptions& options,
                   std::vector<SharedArtifact>* artifacts) {
  UnionFind household(applications.empty()
                          ? 0
                          : *std::max_element(identity.begin(), identity.end()) + std::size_t{1});
  const internal::RingEvidence ring_evidence(applications, identity, *artifacts);
  std::vector<std::pair<std::uint32_t, std::size_t>> residents;  // (identity unit, person)
  std::vector<std::size_t> people;  // one application per distinct person among the residents
  for (const std::vector<std::size_t>& residence : internal::GroupResidences(applications, *artifacts)) {
    residents.clear();
    people.clear();
    for (std::size_t artifact_idx : residence) {
      for (std::size_t app_idx : (*artifacts)[artifact_idx].applications) {
        // Residents are counted as people, not personas: one person that linkage split into
        // several personas is still one member of the household.
        const NormalizedApplication& a = applications[app_idx];
        const auto known = std::find_if(people.begin(), people.end(),
                                        [&](std::size_t other) { return SpellingsOfOneName(a, applications[other]); });
        const auto person = static_cast<std::size_t>(known - people.begin());
        if (known == people.end() && people.size() <= options.household_max_personas) people.push_back(app_idx);
        residents.emplace_back(identity[app_idx], person);
      }
    }
    if (people.size() > options.household_max_personas) continue;
    std::sort(residents.begin(), residents.end());
    residents.erase(std::unique(residents.begin(), residents.end(),
                                [](const auto& left, const auto& right) { return left.first == right.first; }),
                    residents.end());
    if (options.household_ring_evidence && ring_evidence.Among(residents)) continue;
    for (const auto& [unit, person] : residents) household.Union(residents.front().first, unit);
  }
  const ClearedSharing cleared(identity, options.cleared_groups);
  std::vector<std::uint64_t> parties;
  for (SharedArtifact& artifact : *artifacts) {
    // Two personas of one person that linkage did not join (or two strangers with one common
    // name): either way not reuse by different people.
    const bool one_name = internal::HeldByOnePerson(applications, identity, artifact);
    // A party is the agency that submitted the application (for what an agency shares on its
    // candidates' behalf), else the persona's household.
    parties.clear();
    bool any_agency = false;
    const bool agency_may_share = AgencyMayShare(artifact.kind);
    for (std::size_t app_idx : artifact.applications) {
      const std::string& source = applications[app_idx].source;
      if (agency_may_share && IsAgencySource(source)) {
        any_agency = true;
        parties.push_back((1ULL << 63) | (internal::Fnv1a64(ToLowerAscii(source)) >> 1));
      } else {
        parties.push_back(household.Find(identity[app_idx]));
      }
    }
    std::sort(parties.begin(), parties.end());
    parties.erase(std::unique(parties.begin(), parties.end()), parties.end());
    artifact.party_count = one_name ? 1 : parties.size();
    artifact.explained_by.clear();
    if (parties.size() >= 2 && cleared.Explains(artifact)) {
      artifact.party_count = 1;
      artifact.explained_by = "cleared";
    } else if (parties.size() < 2) {
      artifact.explained_by = any_agency ? "agency" : "household";
    } else if (one_name) {
      artifact.explained_by = "one name";
    }
  }
}

}  // namespace

std::vector<KindTally> TallyKinds(const std::vector<NormalizedApplication>& applications,
                                  const std::vector<ApplicationRecord>& records,
                                  const std::vector<std::uint32_t>& persona_index, std::size_t persona_count,
                                  const PrecomputedNearDuplicates* near_duplicates,
                                  const std::vector<SharedArtifact>& artifacts,
                                  const std::vector<std::uint32_t>* group_of_persona, std::size_t group_count) {
  CC_CHECK(group_of_persona == nullptr || group_of_persona->size() == persona_count);
  const auto group = [&](std::uint32_t persona) -> std::size_t {
    return group_of_persona == nullptr ? 0 : (*group_of_persona)[persona];
  };
  std::vector<KindTally> tallies(group_count * kArtifactKindCount);
  std::vector<char> marks(persona_count);
  for (std::size_t kind_idx = 0; kind_idx < kArtifactKindCount; ++kind_idx) {
    const auto kind = static_cast<ArtifactKind>(kind_idx);
    std::fill(marks.begin(), marks.end(), 0);
    for (std::size_t app_idx = 0; app_idx < applications.size(); ++app_idx) {
      if (HasValue(applications[app_idx], records[app_idx], kind, near_duplicates, app_idx)) {
        marks[persona_index[app_idx]] = 1;
      }
    }
    for (std::uint32_t persona = 0; persona < persona_count; ++persona) {
      if (marks[persona]) ++tallies[group(persona) * kArtifactKindCount + kind_idx].personas_with_value;
    }
    std::fill(marks.begin(), marks.end(), 0);
    for (const SharedArtifact& artifact : artifacts) {
      // Explained sharing (a household, an agency, one name) says nothing about how specific
      // the kind is between independent parties.
      if (static_cast<std::size_t>(artifact.kind) != kind_idx || artifact.party_count < 2) continue;
      for (std::uint32_t persona : artifact.personas) marks[persona] = 1;
      tallies[group(artifact.personas.front()) * kArtifactKindCount + kind_idx].shared_party_counts.push_back(
          artifact.party_count);
    }
    for (std::uint32_t persona = 0; persona < persona_count; ++persona) {
      if (marks[persona]) ++tallies[group(persona) * kArtifactKindCount + kind_idx].personas_sharing;
    }
  }
  return tallies;
}

KindStatistics StatisticsOfTally(const KindTally& tally) {
  KindStatistics stats;
  stats.personas_with_value = tally.personas_with_value;
  stats.personas_sharing = tally.personas_sharing;
  // Shrunk toward the reference rate by kSharingPriorPersonas pseudo-personas: a kind seen on
  // few personas neither looks infinitely rare nor, in a ten-row file where the only sharers
  // are a ring, common (empirical Bayes; on real volumes the data decide).
  stats.sharing_rate = (static_cast<double>(stats.personas_sharing) + kSharingPriorPersonas * kReferenceSharingRate) /
                       (static_cast<double>(stats.personas_with_value) + kSharingPriorPersonas);
  stats.kind_factor = std::clamp(std::log(1 / stats.sharing_rate) / std::log(1 / kReferenceSharingRate),
                                 kMinKindFactor, 1.0);
  std::vector<std::size_t> sizes = tally.shared_party_counts;
  double median = 0;
  if (!sizes.empty()) {
    std::nth_element(sizes.begin(), sizes.begin() + static_cast<std::ptrdiff_t>(sizes.size() / 2), sizes.end());
    median = static_cast<double>(sizes[sizes.size() / 2]);
  }
  // Bounded both ways: a kind whose only shared values are generic must not learn that
  // hundreds of sharers are normal.
  stats.generic_scale = std::clamp(kGenericScalePerMedian * median, kMinGenericScale, kMaxGenericScale);
  return stats;
}



std::vector<NearDuplicateGroup> FindResumeGroups(const std::vector<const std::vector<std::uint32_t>*>& signatures,
                                                 const std::vector<std::string_view>& application_ids,
                                                 const EvidenceOptions& options) {
  CC_CHECK(signatures.size() == application_ids.size()) << signatures.size() << " " << application_ids.size();
  // A person sends one resume to dozens of companies: identical signatures are grouped first,
  // so LSH compares distinct texts only (otherwise a heavy applier's bucket costs n^2 per band).
  std::vector<std::uint32_t> distinct_of(signatures.size(), kNoSignature);
  std::vector<internal::MinHashSignature> distinct;
  {
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> by_hash;
    for (std::size_t app_idx = 0; app_idx < signatures.size(); ++app_idx) {
      const internal::MinHashSignature& signature = *signatures[app_idx];
      if (signature.empty()) continue;
      std::uint64_t hash = 0;
      for (std::uint32_t value : signature) hash = internal::Mix64(hash ^ value);
      std::vector<std::uint32_t>& candidates = by_hash[hash];
      for (std::uint32_t candidate : candidates) {
        if (distinct[candidate] == signature) distinct_of[app_idx] = candidate;
      }
      if (distinct_of[app_idx] == kNoSignature) {
        distinct_of[app_idx] = static_cast<std::uint32_t>(distinct.size());
        candidates.push_back(distinct_of[app_idx]);
        distinct.push_back(signature);
      }
    }
  }
  const auto pairs = internal::FindSimilarSignatures(distinct, options.resume_min_jaccard);
  UnionFind groups(distinct.size());
  for (const auto& [left, right] : pairs) groups.Union(left, right);
  std::vector<double> min_similarity(distinct.size(), 1.0);
  for (const auto& [left, right] : pairs) {
    const std::uint32_t root = groups.Find(left);
    min_similarity[root] = std::min(min_similarity[root], internal::EstimateJaccard(distinct[left], distinct[right]));
  }
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> by_root;
  for (std::size_t app_idx = 0; app_idx < signatures.size(); ++app_idx) {
    if (distinct_of[app_idx] != kNoSignature) by_root[groups.Find(distinct_of[app_idx])].push_back(app_idx);
  }
  std::vector<NearDuplicateGroup> out;
  for (auto& [root, members] : by_root) {
    if (members.size() < 2) continue;
    // The representative is the smallest application id, not an index: row-order independent.
    std::string_view value = application_ids[members.front()];
    for (std::size_t member : members) value = std::min(value, application_ids[member]);
    out.push_back(NearDuplicateGroup{ArtifactKind::kResume, "resume of " + std::string(value), std::move(members),
                                     min_similarity[root]});
  }
  return out;
}

std::vector<ArtifactCandidate> FindArtifactCandidates(const std::vector<NormalizedApplication>& applications,
                                                      const std::vector<ApplicationRecord>& records,
                                                      const EvidenceOptions& options,
                                                      const PrecomputedNearDuplicates* near_duplicates) {
  CC_CHECK(applications.size() == records.size()) << applications.size() << " " << records.size();
  CC_CHECK(near_duplicates == nullptr || (near_duplicates->has_photo.size() == applications.size() &&
                                          near_duplicates->resume_signatures.size() == applications.size()));
  std::vector<ArtifactCandidate> candidates;
  AddExactCandidates(applications, ArtifactKind::kPhone, PhoneOf, &candidates);
  AddExactCandidates(applications, ArtifactKind::kEmail, EmailOf, &candidates);
  AddExactCandidates(applications, ArtifactKind::kDevice, DeviceOf, &candidates);
  AddExactCandidates(applications, ArtifactKind::kPayoutAccount, PayoutOf, &candidates);
  AddExactCandidates(applications, ArtifactKind::kShippingAddress, ShippingOf, &candidates);
  AddExactCandidates(applications, ArtifactKind::kHomeAddress, HomeOf, &candidates);
  AddExactCandidates(applications, ArtifactKind::kNationalId, NationalIdOf, &candidates);
  AddExactCandidates(applications, ArtifactKind::kGithub, GithubOf, &candidates);
  AddExactCandidates(applications, ArtifactKind::kLinkedin, LinkedinOf, &candidates);
  if (near_duplicates == nullptr) {
    AddPhotoCandidates(applications, options.photo_max_hamming, &candidates);
    AddResumeCandidates(applications, ResumeSignatures(applications, records, options), options, &candidates);
  } else {
    for (const NearDuplicateGroup& group : near_duplicates->groups) {
      candidates.push_back(ArtifactCandidate{group.kind, group.value, group.applications, group.similarity});
    }
    if (!near_duplicates->resume_grouped) {
      AddResumeCandidates(applications, near_duplicates->resume_signatures, options, &candidates);
    }
  }
  AddIpCandidates(applications, options.ip_window_seconds, &candidates);
  // A value held by one application is no candidate; dropping it keeps the order of the rest.
  std::erase_if(candidates, [](const ArtifactCandidate& candidate) { return candidate.applications.size() < 2; });
  for (ArtifactCandidate& candidate : candidates) std::sort(candidate.applications.begin(), candidate.applications.end());
  return candidates;
}

EvidenceSet CollectEvidence(const std::vector<NormalizedApplication>& applications,
                            const std::vector<ApplicationRecord>& records,
                            const std::vector<std::uint32_t>& persona_index,
                            std::size_t persona_count, const EvidenceOptions& options,
                            const PrecomputedNearDuplicates* near_duplicates) {
  return CollectEvidence(applications, records, persona_index, persona_count, options, near_duplicates,
                         FindArtifactCandidates(applications, records, options, near_duplicates));
}

EvidenceSet CollectEvidence(const std::vector<NormalizedApplication>& applications,
                            const std::vector<ApplicationRecord>& records,
                            const std::vector<std::uint32_t>& persona_index,
                            std::size_t persona_count, const EvidenceOptions& options,
                            const PrecomputedNearDuplicates* near_duplicates,
                            const std::vector<ArtifactCandidate>& candidates) {
  CC_CHECK(applications.size() == records.size() && applications.size() == persona_index.size())
      << applications.size() << " " << records.size() << " " << persona_index.size();
  const std::vector<std::uint32_t> identity = IdentityUnits(applications, persona_index, persona_count);
  EvidenceSet result;
  for (const ArtifactCandidate& candidate : candidates) {
    std::vector<std::uint32_t> personas;
    for (std::size_t app_idx : candidate.applications) personas.push_back(persona_index[app_idx]);
    std::sort(personas.begin(), personas.end());
    personas.erase(std::unique(personas.begin(), personas.end()), personas.end());
    std::vector<std::uint32_t> units;
    for (std::size_t app_idx : candidate.applications) units.push_back(identity[app_idx]);
    std::sort(units.begin(), units.end());
    if (std::unique(units.begin(), units.end()) - units.begin() < 2) continue;
    if (candidate.kind == ArtifactKind::kNationalId) {
      // One id under one name in two personas is a linkage miss, not identity reuse.
      std::unordered_set<std::string_view> names;
      for (std::size_t app_idx : candidate.applications) {
        if (!applications[app_idx].name.full.empty()) names.insert(applications[app_idx].name.full);
      }
      if (names.size() < 2) continue;
    }
    std::unordered_set<std::string_view> companies;
    for (std::size_t app_idx : candidate.applications) companies.insert(applications[app_idx].company_id);
    SharedArtifact artifact;
    artifact.kind = candidate.kind;
    artifact.value = candidate.value;
    artifact.applications = candidate.applications;
    artifact.personas = std::move(personas);
    artifact.company_count = companies.size();
    artifact.similarity = candidate.similarity;
    result.artifacts.push_back(std::move(artifact));
  }
  std::sort(result.artifacts.begin(), result.artifacts.end(),
            [](const SharedArtifact& left, const SharedArtifact& right) {
              if (left.kind != right.kind) return left.kind < right.kind;
              if (left.value != right.value) return left.value < right.value;
              return left.applications < right.applications;
            });

  AssignParties(applications, identity, options, &result.artifacts);

  if (options.population != nullptr) {
    CC_CHECK(options.population->size() == kArtifactKindCount) << options.population->size();
    result.kinds = *options.population;
  } else {
    const std::vector<KindTally> tallies =
        TallyKinds(applications, records, persona_index, persona_count, near_duplicates, result.artifacts);
    for (const KindTally& tally : tallies) result.kinds.push_back(StatisticsOfTally(tally));
  }

  for (std::uint32_t artifact_idx = 0; artifact_idx < result.artifacts.size(); ++artifact_idx) {
    SharedArtifact& artifact = result.artifacts[artifact_idx];
    const KindStatistics& stats = result.kinds[static_cast<std::size_t>(artifact.kind)];
    artifact.weight = artifact.party_count < 2
                          ? 0.0
                          : stats.kind_factor * SizeFactor(artifact.party_count, stats.generic_scale) *
                                (artifact.company_count >= 2 ? 1.0 : kSingleCompanyFactor);
    if (artifact.kind == ArtifactKind::kIp) artifact.weight *= IpKindFactor(applications[artifact.applications.front()]);
    if (artifact.personas.size() > options.max_group_for_edges || artifact.weight < kMinEdgeWeight) {
      continue;
    }
    for (std::size_t left = 0; left < artifact.personas.size(); ++left) {
      for (std::size_t right = left + 1; right < artifact.personas.size(); ++right) {
        result.edges.push_back(EvidenceEdge{artifact.personas[left], artifact.personas[right],
                                            artifact_idx, artifact.weight});
      }
    }
  }
  std::sort(result.edges.begin(), result.edges.end(),
            [](const EvidenceEdge& left, const EvidenceEdge& right) {
              return std::tie(left.persona_left, left.persona_right, left.artifact) <
                     std::tie(right.persona_left, right.persona_right, right.artifact);
            });
  return result;
}

}  // namespace crosscheck::graph
