#include "crosscheck/hub/consortium_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <thread>
#include <type_traits>
#include <unordered_map>

#include "crosscheck/common/check.h"
#include "crosscheck/common/union_find.h"
#include "crosscheck/hub/persona_linkage.h"

namespace crosscheck::hub {
namespace {

using share::Token;

// HubToken adds the hub's keyed layer: HMAC(hub key, tag || member token).
Token HubToken(const share::KeyedHasher& hub_layer, char tag, const Token& token) {
  char message[1 + sizeof(Token)];
  message[0] = tag;
  std::memcpy(message + 1, token.data(), sizeof(Token));
  return hub_layer.Hash(std::string_view(message, sizeof message));
}

// HubWords adds the hub's layer to band tokens (AES with the hub's block key; position in
// the first byte, so equal tokens stay equal only at the same position; `tag` after the token,
// so tokens of two tags never are).
template <class Word>
std::vector<Word> HubWords(const share::BlockPrf& hub_blocks, const std::vector<Word>& words, std::uint8_t tag) {
  std::vector<share::Block> blocks(words.size());
  for (std::size_t idx = 0; idx < words.size(); ++idx) {
    blocks[idx][0] = static_cast<std::uint8_t>(idx);
    for (std::size_t byte = 0; byte < sizeof(Word); ++byte) {
      blocks[idx][1 + byte] = static_cast<std::uint8_t>(words[idx] >> (8 * byte));
    }
    blocks[idx][1 + sizeof(Word)] = tag;
  }
  hub_blocks.Apply(blocks);
  std::vector<Word> out(words.size());
  for (std::size_t idx = 0; idx < words.size(); ++idx) {
    Word word = 0;
    for (std::size_t byte = 0; byte < sizeof(Word); ++byte) word = static_cast<Word>((word << 8) | blocks[idx][byte]);
    out[idx] = word;
  }
  return out;
}

std::string& FieldFor(NormalizedApplication& app, share::TokenKind kind) {
  switch (kind) {
    case share::TokenKind::kEmail: return app.email;
    case share::TokenKind::kPhone: return app.phone_e164;
    case share::TokenKind::kNationalId: return app.national_id;
    case share::TokenKind::kPayoutAccount: return app.payout_account;
    case share::TokenKind::kDevice: return app.device_id;
    case share::TokenKind::kHomeAddress: return app.address_key;
    case share::TokenKind::kShippingAddress: return app.shipping_address_key;
    case share::TokenKind::kLinkedin: return app.linkedin;
    case share::TokenKind::kGithub: return app.github;
    case share::TokenKind::kIp: return app.ip_address;
    case share::TokenKind::kBirthDate:
    case share::TokenKind::kAgency: break;
  }
  return app.source;  // unused for the two kinds above, which are handled by the caller
}

// PseudoDate stands for a keyed date of birth: the engine compares dates of birth for equality
// only (graph, score), so a date drawn from the token keeps every comparison's answer.
CivilDate PseudoDate(const Token& token) {
  std::uint64_t value = 0;
  std::memcpy(&value, token.data(), sizeof value);
  return CivilDate{10000 + static_cast<int>(value % 90000), 1 + static_cast<int>((value >> 20) % 12),
                   1 + static_cast<int>((value >> 28) % 28)};
}

// DataOrder is 16 hex digits of a hash of what the hub knows of a record without any key: its
// company, submission hour, coarse context and which kinds of token it holds. Every order the
// engine breaks ties by (persona ids, record order, the node numbering community detection
// sees) starts from it, so findings follow the data, not the consortium or hub key; records
// alike in all of it (rare: one company, one hour, one profile) are still ordered by handle.
std::string DataOrder(const share::ConsortiumRecord& record, const std::string& company_id) {
  std::uint64_t hash = 1469598103934665603ULL;
  const auto mix = [&hash](std::string_view text) {
    for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    hash = (hash ^ 0xff) * 1099511628211ULL;  // a separator no text byte equals here
  };
  mix(company_id);
  mix(record.submitted_hour ? std::to_string(*record.submitted_hour) : "-");
  for (const std::string* text : {&record.country, &record.ip_country, &record.stage, &record.idv_status}) mix(*text);
  for (const std::string& flag : record.interview_flags) mix(flag);
  for (const auto& [kind, token] : record.tokens) mix(share::TokenKindName(kind));
  mix(std::to_string(static_cast<int>(record.line_type)) + "/" + std::to_string(static_cast<int>(record.ip_kind)) +
      "/" + std::to_string(record.name_keys.size()) + "/" + std::to_string(record.photo_bands.size()) + "/" +
      std::to_string(record.resume_bins.size()) + (record.ip_anonymous ? "a" : "") +
      (record.ships_elsewhere ? (*record.ships_elsewhere ? "s" : "h") : ""));
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

NormalizedApplication Decode(const share::ConsortiumRecord& record, const std::string& company_id,
                             const share::KeyedHasher& hub_layer, std::vector<NameWord>* words) {
  NormalizedApplication app;
  app.application_id = DataOrder(record, company_id) + share::TokenHex(HubToken(hub_layer, 'h', record.handle));
  app.company_id = company_id;
  if (record.submitted_hour) app.submitted_at = *record.submitted_hour * 3600;
  for (const auto& [kind, token] : record.tokens) {
    const Token hub = HubToken(hub_layer, static_cast<char>('A' + static_cast<int>(kind)), token);
    if (kind == share::TokenKind::kBirthDate) {
      app.date_of_birth = PseudoDate(hub);
    } else if (kind == share::TokenKind::kAgency) {
      app.source = "agency:" + share::TokenHex(hub);
    } else {
      FieldFor(app, kind) = share::TokenHex(hub);
    }
  }
  std::vector<std::string> whole;
  for (const share::NameKey& key : record.name_keys) {
    const Token hub = HubToken(hub_layer, 'n', key.key);
    std::uint64_t word = 0;
    std::memcpy(&word, hub.data(), sizeof word);
    words->push_back({static_cast<char>(key.kind), word});
    std::string text = static_cast<char>(key.kind) + share::TokenHex(hub);
    if (key.kind == share::NameKeyKind::kWhole || key.kind == share::NameKeyKind::kIdentityWhole) whole.push_back(text);
    app.name.tokens.push_back(std::move(text));
  }
  std::sort(app.name.tokens.begin(), app.name.tokens.end());
  std::sort(whole.begin(), whole.end());
  for (const std::string& key : whole) app.name.full += (app.name.full.empty() ? "" : " ") + key;
  app.name.keyed = true;
  app.line_type = record.line_type;
  app.ip_info.kind = record.ip_kind;
  app.ip_info.is_anonymous = record.ip_anonymous;
  app.ip_info.country = record.ip_country;
  app.country = record.country;
  app.ships_elsewhere = record.ships_elsewhere;
  app.idv_status = record.idv_status;
  app.interview_flags = record.interview_flags;
  app.stage = record.stage;
  app.name.transliterated = record.name_transliterated;
  return app;
}

// AddBandGroups groups applications whose band tokens agree on at least `min_bands` bands.
// Identical band vectors are one distinct value; candidate pairs come from shared buckets.
// The estimated similarity is the share of agreeing bands to the power 1/rows (a band of r
// rows agrees with probability s^r).
void AddBandGroups(const std::vector<const NormalizedApplication*>& apps,
                   const std::vector<const std::vector<std::uint64_t>*>& bands, graph::ArtifactKind kind,
                   int min_bands, double rows, std::size_t max_bucket,
                   std::vector<graph::NearDuplicateGroup>* out) {
  std::vector<const std::vector<std::uint64_t>*> distinct;
  std::vector<std::uint32_t> distinct_of(apps.size(), UINT32_MAX);
  {
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> by_hash;
    for (std::size_t app_idx = 0; app_idx < apps.size(); ++app_idx) {
      if (bands[app_idx]->empty()) continue;
      std::uint64_t hash = 0;
      for (std::uint64_t word : *bands[app_idx]) hash = (hash ^ word) * 0x100000001b3ULL;
      for (std::uint32_t candidate : by_hash[hash]) {
        if (*distinct[candidate] == *bands[app_idx]) distinct_of[app_idx] = candidate;
      }
      if (distinct_of[app_idx] == UINT32_MAX) {
        distinct_of[app_idx] = static_cast<std::uint32_t>(distinct.size());
        by_hash[hash].push_back(distinct_of[app_idx]);
        distinct.push_back(bands[app_idx]);
      }
    }
  }
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> buckets;
  for (std::uint32_t value_idx = 0; value_idx < distinct.size(); ++value_idx) {
    for (std::uint64_t word : *distinct[value_idx]) buckets[word].push_back(value_idx);
  }
  std::unordered_map<std::uint64_t, int> agreeing;
  for (const auto& [word, members] : buckets) {
    if (members.size() < 2 || members.size() > max_bucket) continue;
    for (std::size_t left = 0; left < members.size(); ++left) {
      for (std::size_t right = left + 1; right < members.size(); ++right) {
        ++agreeing[(static_cast<std::uint64_t>(std::min(members[left], members[right])) << 32) |
                   std::max(members[left], members[right])];
      }
    }
  }
  UnionFind groups(distinct.size());
  std::vector<double> min_similarity(distinct.size(), 1.0);
  std::vector<std::pair<std::uint64_t, int>> close;
  for (const auto& [pair, count] : agreeing) {
    if (count >= min_bands) close.emplace_back(pair, count);
  }
  std::sort(close.begin(), close.end());
  for (const auto& [pair, count] : close) groups.Union(static_cast<std::uint32_t>(pair >> 32), static_cast<std::uint32_t>(pair));
  for (const auto& [pair, count] : close) {
    const std::uint32_t root = groups.Find(static_cast<std::uint32_t>(pair >> 32));
    const double share = static_cast<double>(count) / static_cast<double>(distinct[pair >> 32]->size());
    min_similarity[root] = std::min(min_similarity[root], std::pow(share, 1.0 / rows));
  }
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> by_root;
  for (std::size_t app_idx = 0; app_idx < apps.size(); ++app_idx) {
    if (distinct_of[app_idx] != UINT32_MAX) by_root[groups.Find(distinct_of[app_idx])].push_back(app_idx);
  }
  for (auto& [root, members] : by_root) {
    if (members.size() < 2) continue;
    std::string value = apps[members.front()]->application_id;
    for (std::size_t member : members) value = std::min(value, apps[member]->application_id);
    out->push_back(graph::NearDuplicateGroup{kind, std::string(graph::ArtifactKindName(kind)) + " group " + value,
                                             std::move(members), min_similarity[root]});
  }
}

}  // namespace

DecodedMember DecodeMember(const share::Submission& submission, const share::KeyedHasher& hub_layer) {
  const share::BlockPrf hub_blocks(hub_layer.Hash("hub band layer"));
  DecodedMember member;
  member.company_id = submission.company_id;
  member.epoch = submission.epoch;
  member.format = submission.format;
  // Photo band tokens are tagged by format: a format-1 token samples bits the consortium key
  // chose, a format-2 one public bits, so equal tokens across formats would mean nothing. Format
  // 1 keeps tag 0, the layer it always had, so its members' photos still group with each other
  // (and an all-format-1 consortium's findings do not change) until they re-encode. The encoder
  // separates the formats too (encoder.cc); this holds even for a member that did not.
  const std::uint8_t photo_tag =
      submission.format == share::SubmissionFormat::kV1 ? 0 : static_cast<std::uint8_t>(submission.format);
  // Records in data order (DataOrder), not as submitted: a submission is sorted by handle, an
  // order the consortium key draws, and the record order is where linkage picks its anchors.
  std::vector<std::pair<std::string, const share::ConsortiumRecord*>> ordered;
  for (const share::ConsortiumRecord& record : submission.records) {
    ordered.emplace_back(DataOrder(record, submission.company_id) + share::TokenHex(record.handle), &record);
  }
  std::sort(ordered.begin(), ordered.end());
  for (const auto& [order, record_ptr] : ordered) {
    const share::ConsortiumRecord& record = *record_ptr;
    member.name_words.emplace_back();
    member.applications.push_back(Decode(record, submission.company_id, hub_layer, &member.name_words.back()));
    member.photo_bands.push_back(HubWords(hub_blocks, record.photo_bands, photo_tag));
    member.resume_signatures.push_back(HubWords(hub_blocks, record.resume_bins, 0));  // alike in every format
    member.handles.push_back(record.handle);
  }
  return member;
}

namespace {

// Flatten lists the members' records in company order.
template <class Member>
ConsortiumRecords Flatten(const std::vector<Member*>& members) {
  ConsortiumRecords flat;
  std::vector<std::size_t> order(members.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t left, std::size_t right) { return members[left]->company_id < members[right]->company_id; });
  for (std::size_t member_idx : order) {
    const Member& member = *members[member_idx];
    for (std::size_t idx = 0; idx < member.applications.size(); ++idx) {
      flat.applications.push_back(&member.applications[idx]);
      flat.name_words.push_back(&member.name_words[idx]);
      flat.photo_bands.push_back(&member.photo_bands[idx]);
      flat.resume_signatures.push_back(&member.resume_signatures[idx]);
      flat.handles.push_back(&member.handles[idx]);
      flat.member_of.push_back(member_idx);
      flat.record_of.push_back(idx);
    }
  }
  return flat;
}

// Assemble joins the members' records into one view; a mutable Member is moved from (the batch
// match's members are used once), a const one copied (the service keeps them).
template <class Member>
ConsortiumView Assemble(const std::vector<Member*>& members, const ViewOptions& options) {
  constexpr bool kMove = !std::is_const_v<Member>;
  const ConsortiumRecords flat = Flatten(members);
  ConsortiumLinkage linkage = LinkRecords(flat, options);  // before anything is moved
  ConsortiumView view;
  const std::size_t total = flat.applications.size();
  view.applications.reserve(total);
  view.records.reserve(total);
  for (std::size_t flat_idx = 0; flat_idx < total; ++flat_idx) {
    Member& member = *members[flat.member_of[flat_idx]];
    const std::size_t idx = flat.record_of[flat_idx];
    ApplicationRecord raw;
    raw.application_id = member.applications[idx].application_id;
    raw.company_id = member.applications[idx].company_id;
    view.near_duplicates.has_photo.push_back(member.photo_bands[idx].empty() ? 0 : 1);
    if constexpr (kMove) {
      view.near_duplicates.resume_signatures.push_back(std::move(member.resume_signatures[idx]));
      view.applications.push_back(std::move(member.applications[idx]));
    } else {
      view.near_duplicates.resume_signatures.push_back(member.resume_signatures[idx]);
      view.applications.push_back(member.applications[idx]);
    }
    view.applications.back().index = view.applications.size() - 1;
    view.records.push_back(std::move(raw));
    view.member_of.push_back(flat.member_of[flat_idx]);
    view.member_handle.push_back(member.handles[idx]);
  }
  view.persona_ids = std::move(linkage.persona_ids);
  view.near_duplicates.groups = std::move(linkage.photo_groups);
  return view;
}

}  // namespace

ConsortiumRecords FlattenMembers(const std::vector<const DecodedMember*>& members) { return Flatten(members); }

ConsortiumLinkage LinkRecords(const ConsortiumRecords& records, const ViewOptions& options) {
  ConsortiumLinkage linkage;
  // Photo groups and personas read the same records and write different fields: one each core.
  std::thread photo_groups([&] {
    AddBandGroups(records.applications, records.photo_bands, graph::ArtifactKind::kPhoto, options.photo_min_bands,
                  share::kPhotoBandBits, options.max_bucket, &linkage.photo_groups);
  });
  linkage.persona_ids = LinkPersonas(records.applications, records.name_words);
  photo_groups.join();
  return linkage;
}

ConsortiumView ViewOf(const ConsortiumRecords& records, const std::vector<std::uint32_t>& selected,
                      const ConsortiumLinkage& linkage, const std::vector<graph::NearDuplicateGroup>& resume_groups) {
  ConsortiumView view;
  std::vector<std::int64_t> position(records.applications.size(), -1);
  for (std::uint32_t flat_idx : selected) {
    position[flat_idx] = static_cast<std::int64_t>(view.applications.size());
    view.applications.push_back(*records.applications[flat_idx]);
    view.applications.back().index = view.applications.size() - 1;
    ApplicationRecord raw;
    raw.application_id = view.applications.back().application_id;
    raw.company_id = view.applications.back().company_id;
    view.records.push_back(std::move(raw));
    view.member_of.push_back(records.member_of[flat_idx]);
    view.member_handle.push_back(*records.handles[flat_idx]);
    view.near_duplicates.has_photo.push_back(records.photo_bands[flat_idx]->empty() ? 0 : 1);
    view.near_duplicates.resume_signatures.push_back(*records.resume_signatures[flat_idx]);
    view.persona_ids.push_back(linkage.persona_ids[flat_idx]);
  }
  view.near_duplicates.resume_grouped = true;
  for (const auto* groups : {&linkage.photo_groups, &resume_groups}) {
    for (const graph::NearDuplicateGroup& group : *groups) {
      if (position[group.applications.front()] < 0) continue;
      graph::NearDuplicateGroup local = group;
      for (std::size_t& app_idx : local.applications) {
        CC_CHECK(position[app_idx] >= 0) << "a near-duplicate group split by the selection: " << group.value;
        app_idx = static_cast<std::size_t>(position[app_idx]);
      }
      view.near_duplicates.groups.push_back(std::move(local));
    }
  }
  return view;
}

ConsortiumView AssembleView(const std::vector<const DecodedMember*>& members, const ViewOptions& options) {
  return Assemble(members, options);
}

ConsortiumView BuildConsortiumView(const std::vector<share::Submission>& submissions,
                                   const share::KeyedHasher& hub_layer, const ViewOptions& options) {
  std::vector<DecodedMember> decoded(submissions.size());
  const auto decode = [&](std::size_t first) {
    for (std::size_t idx = first; idx < submissions.size(); idx += 2) decoded[idx] = DecodeMember(submissions[idx], hub_layer);
  };
  std::thread worker(decode, 1);
  decode(0);
  worker.join();
  std::vector<DecodedMember*> members;
  for (DecodedMember& member : decoded) members.push_back(&member);
  return Assemble(members, options);  // moves: the decoded members are not needed after

}

}  // namespace crosscheck::hub
