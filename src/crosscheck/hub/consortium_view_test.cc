// What the hub's view makes of photos across keys and submission formats: format 2 groups
// photos the same way under every consortium and hub key (format 1 did not: its sampled bits
// followed the key), photos of two formats never share a group, and everything but photos —
// identifier tokens, identifier-bound name keys, resume bins — matches across formats.
#include "crosscheck/hub/consortium_view.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "crosscheck/common/issue.h"
#include "crosscheck/hub/testing/simulated_world.h"
#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/normalize/application_normalizer.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/keyed_hash.h"
#include "crosscheck/share/submission_file.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::hub {
namespace {

using share::SubmissionFormat;

constexpr const char* kEpoch = "2026-12";

// Encoded is a consortium's submissions and, pooled, what each member knows of its handles.
struct Encoded {
  std::vector<share::Submission> submissions;
  std::map<share::Token, std::string> id_of_handle;  // -> "company/application id"
};

// Encode encodes each company's rows under `key`, company `c` in format_of(c) (format 2 if not
// named).
Encoded Encode(const std::vector<ApplicationRecord>& rows, const share::ConsortiumKey& key,
               const std::map<std::string, SubmissionFormat>& format_of = {}) {
  std::map<std::string, std::vector<ApplicationRecord>> by_company;
  for (const ApplicationRecord& row : rows) by_company[row.company_id].push_back(row);
  Encoded out;
  for (const auto& [company, company_rows] : by_company) {
    const auto named = format_of.find(company);
    const SubmissionFormat format = named == format_of.end() ? SubmissionFormat::kV2 : named->second;
    const share::SubmissionEncoder encoder(key, kEpoch, format);
    const std::vector<NormalizedApplication> apps =
        normalize::NormalizeApplications(company_rows, normalize::NormalizeContext{.file = company + ".csv"}, nullptr);
    share::Submission submission{company, kEpoch, encoder.key_id(), {}, format};
    for (std::size_t idx = 0; idx < apps.size(); ++idx) {
      submission.records.push_back(encoder.Encode(apps[idx], company_rows[idx]));
      out.id_of_handle[submission.records.back().handle] = company + "/" + company_rows[idx].application_id;
    }
    out.submissions.push_back(std::move(submission));
  }
  return out;
}

// PhotoGroups returns the hub's photo groups of `encoded` under `hub_key`, each as its members'
// ids: free of every key.
std::set<std::set<std::string>> PhotoGroups(const Encoded& encoded, const share::ConsortiumKey& hub_key) {
  const ConsortiumView view =
      BuildConsortiumView(encoded.submissions, share::KeyedHasher(hub_key.bytes), ViewOptions{});
  std::set<std::set<std::string>> groups;
  for (const graph::NearDuplicateGroup& group : view.near_duplicates.groups) {
    if (group.kind != graph::ArtifactKind::kPhoto) continue;
    std::set<std::string> ids;
    for (std::size_t app_idx : group.applications) ids.insert(encoded.id_of_handle.at(view.member_handle[app_idx]));
    groups.insert(std::move(ids));
  }
  return groups;
}

// PersonaOf returns each application's persona as the smallest id among its fellow members.
std::map<std::string, std::string> PersonaOf(const Encoded& encoded, const share::ConsortiumKey& hub_key) {
  const ConsortiumView view =
      BuildConsortiumView(encoded.submissions, share::KeyedHasher(hub_key.bytes), ViewOptions{});
  std::map<std::string, std::string> first;
  for (std::size_t idx = 0; idx < view.applications.size(); ++idx) {
    std::string& smallest = first[view.persona_ids[idx]];
    const std::string& id = encoded.id_of_handle.at(view.member_handle[idx]);
    if (smallest.empty() || id < smallest) smallest = id;
  }
  std::map<std::string, std::string> out;
  for (std::size_t idx = 0; idx < view.applications.size(); ++idx) {
    out[encoded.id_of_handle.at(view.member_handle[idx])] = first.at(view.persona_ids[idx]);
  }
  return out;
}

share::ConsortiumKey RandomKey(std::mt19937_64& random) {
  share::ConsortiumKey key;
  for (std::uint8_t& byte : key.bytes) byte = static_cast<std::uint8_t>(random());
  return key;
}

std::string Hex(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

// Applicant returns a record that shares nothing with another applicant's but, maybe, its photo.
ApplicationRecord Applicant(const std::string& company, int number, std::uint64_t photo) {
  const std::string tag = std::to_string(number);
  ApplicationRecord record = test_world::HandMadeRecord(company, company + "-" + tag, "Person Number" + tag,
                                                        "person" + tag + "@example.com", "", "dev-" + tag, "");
  record.photo_hash = Hex(photo);
  return record;
}

// NearThresholdPairs returns `pairs` pairs of photos 8 bits apart at two companies: a pair
// agrees on ~2.7 of the 32 tables on average, so about half the pairs reach the 3 tables that
// make a group, and which half depends on which bits the tables sample.
std::vector<ApplicationRecord> NearThresholdPairs(int pairs) {
  std::mt19937_64 random(7);
  std::vector<ApplicationRecord> rows;
  for (int pair = 0; pair < pairs; ++pair) {
    const std::uint64_t photo = random();
    std::uint64_t flip = 0;
    while (std::popcount(flip) < 8) flip |= std::uint64_t{1} << (random() % 64);
    rows.push_back(Applicant("acme-corp", pair, photo));
    rows.push_back(Applicant("birch-labs", 1000 + pair, photo ^ flip));
  }
  return rows;
}

TEST(ConsortiumView, PhotoGroupingIsTheSameUnderEveryKey) {
  const std::vector<ApplicationRecord> rows = NearThresholdPairs(24);
  std::mt19937_64 random(20261207);
  std::vector<std::pair<share::ConsortiumKey, share::ConsortiumKey>> key_pairs;
  for (int round = 0; round < 6; ++round) key_pairs.emplace_back(RandomKey(random), RandomKey(random));
  // Format 2: one grouping under every key pair, and a real one (some pairs grouped, some not).
  const std::set<std::set<std::string>> reference = PhotoGroups(Encode(rows, key_pairs[0].first), key_pairs[0].second);
  EXPECT_GT(reference.size(), 2u);
  EXPECT_LT(reference.size(), 22u);
  for (std::size_t round = 1; round < key_pairs.size(); ++round) {
    SCOPED_TRACE("key pair " + std::to_string(round));
    EXPECT_EQ(PhotoGroups(Encode(rows, key_pairs[round].first), key_pairs[round].second), reference);
  }
  // The same check on format 1's keyed positions fails: its groupings differ between key pairs.
  const std::map<std::string, SubmissionFormat> old = {{"acme-corp", SubmissionFormat::kV1},
                                                       {"birch-labs", SubmissionFormat::kV1}};
  std::set<std::set<std::set<std::string>>> old_groupings;
  for (const auto& [key, hub_key] : key_pairs) old_groupings.insert(PhotoGroups(Encode(rows, key, old), hub_key));
  EXPECT_GT(old_groupings.size(), 1u) << "format 1's grouping did not follow the key: the check above proves nothing";
}

TEST(ConsortiumView, PhotosOfTwoFormatsNeverShareAGroup) {
  // One photo at both companies, and one 2 bits off: a group whenever both are of one format.
  const std::uint64_t photo = 0x8f3a00ff12c4e5d6ULL;
  const std::vector<ApplicationRecord> rows = {Applicant("acme-corp", 1, photo), Applicant("birch-labs", 2, photo),
                                               Applicant("birch-labs", 3, photo ^ 0x0000100000000001ULL)};
  const share::ConsortiumKey key = test_world::CountingKey(0), hub_key = test_world::CountingKey(100);
  const std::set<std::string> all = {"acme-corp/acme-corp-1", "birch-labs/birch-labs-2", "birch-labs/birch-labs-3"};
  const std::set<std::string> birch = {"birch-labs/birch-labs-2", "birch-labs/birch-labs-3"};
  struct Case {
    const char* name;
    SubmissionFormat acme, birch;
    std::set<std::set<std::string>> groups;
  } cases[] = {
      {"both format 2", SubmissionFormat::kV2, SubmissionFormat::kV2, {all}},
      {"both format 1", SubmissionFormat::kV1, SubmissionFormat::kV1, {all}},
      {"acme on format 1", SubmissionFormat::kV1, SubmissionFormat::kV2, {birch}},
      {"birch on format 1", SubmissionFormat::kV2, SubmissionFormat::kV1, {birch}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(PhotoGroups(Encode(rows, key, {{"acme-corp", c.acme}, {"birch-labs", c.birch}}), hub_key), c.groups);
  }
  // The hub keeps the formats apart by itself: band tokens copied byte for byte from a format-2
  // record into a format-1 submission still group with nothing of format 2.
  Encoded forged = Encode(rows, key);
  for (share::Submission& submission : forged.submissions) {
    if (submission.company_id == "acme-corp") submission.format = SubmissionFormat::kV1;
  }
  EXPECT_EQ(PhotoGroups(forged, hub_key), std::set<std::set<std::string>>{birch});
}

TEST(ConsortiumView, EverythingButPhotosMatchesAcrossFormats) {
  ApplicationRecord record =
      test_world::HandMadeRecord("acme-corp", "a1", "Marcus Holloway", "marcus.h.dev@gmail.com", "(415) 555-0199",
                                 "dev-ring-7731", "GB29 NWBK 6016 1331 9268 19");
  record.photo_hash = "c3a1f0e2b4d69781";
  record.resume_text =
      "Senior full-stack engineer with eight years of React, Node and Go. Led the migration of a payments "
      "platform from a monolith to microservices, cut checkout latency by forty percent, built the team's "
      "continuous delivery pipeline, mentored junior engineers, ran the on-call rotation and wrote the "
      "incident review process used across the engineering organisation for two years.";
  ApplicationRecord no_photo = record;
  no_photo.photo_hash.clear();
  const std::vector<NormalizedApplication> apps =
      normalize::NormalizeApplications({record, no_photo}, normalize::NormalizeContext{}, nullptr);
  const share::ConsortiumKey key = test_world::CountingKey(0);
  const share::SubmissionEncoder old_encoder(key, kEpoch, SubmissionFormat::kV1), encoder(key, kEpoch);
  const share::ConsortiumRecord old_record = old_encoder.Encode(apps[0], record);
  const share::ConsortiumRecord new_record = encoder.Encode(apps[0], record);
  EXPECT_EQ(old_record.handle, new_record.handle);
  EXPECT_EQ(old_record.tokens, new_record.tokens);
  ASSERT_FALSE(new_record.resume_bins.empty());
  EXPECT_EQ(old_record.resume_bins, new_record.resume_bins);
  ASSERT_EQ(new_record.photo_bands.size(), old_record.photo_bands.size());
  for (std::size_t band = 0; band < new_record.photo_bands.size(); ++band) {
    EXPECT_NE(new_record.photo_bands[band], old_record.photo_bands[band]) << "photo band " << band;
  }
  // Name keys: those bound to identifiers (the keys of the record without a photo) are in both
  // formats; those bound to the 4 photo tables are made from the photo band tokens, so they
  // differ — the one thing besides photos a format-1 record no longer shares with format 2.
  const share::ConsortiumRecord identifiers_only = encoder.Encode(apps[1], no_photo);
  ASSERT_FALSE(identifiers_only.name_keys.empty());
  EXPECT_EQ(old_encoder.Encode(apps[1], no_photo).name_keys, identifiers_only.name_keys);
  const auto has = [](const share::ConsortiumRecord& holder, const share::NameKey& key) {
    return std::find(holder.name_keys.begin(), holder.name_keys.end(), key) != holder.name_keys.end();
  };
  for (const share::NameKey& key : identifiers_only.name_keys) {
    EXPECT_TRUE(has(old_record, key) && has(new_record, key));
  }
  std::size_t photo_bound = 0;
  for (const share::NameKey& key : new_record.name_keys) {
    if (has(identifiers_only, key)) continue;
    ++photo_bound;
    EXPECT_FALSE(has(old_record, key));
  }
  EXPECT_GT(photo_bound, 0u);
}

TEST(ConsortiumView, PersonasLinkAcrossFormatsOnIdentifiersNotOnPhotos) {
  // Marcus applies at acme (format 1) and birch (format 2) with one e-mail; Priya changed
  // e-mail and phone but kept her photo, which links her only within one format.
  const auto person = [](const char* company, const char* id, const char* name, const char* email, const char* photo) {
    ApplicationRecord record = test_world::HandMadeRecord(company, id, name, email, "", "", "");
    record.photo_hash = photo;
    return record;
  };
  const std::vector<ApplicationRecord> rows = {
      person("acme-corp", "m1", "Marcus Holloway", "marcus.h.dev@gmail.com", "1111222233334444"),
      person("birch-labs", "m2", "Marcus Holloway", "marcus.h.dev@gmail.com", ""),
      person("acme-corp", "p1", "Priya Raman", "priya.one@example.com", "c3a1f0e2b4d69781"),
      person("birch-labs", "p2", "Priya Raman", "priya.two@example.com", "c3a1f0e2b4d69781"),
  };
  const share::ConsortiumKey key = test_world::CountingKey(0), hub_key = test_world::CountingKey(100);
  const std::map<std::string, std::string> mixed =
      PersonaOf(Encode(rows, key, {{"acme-corp", SubmissionFormat::kV1}}), hub_key);
  EXPECT_EQ(mixed.at("birch-labs/m2"), "acme-corp/m1");
  EXPECT_NE(mixed.at("birch-labs/p2"), "acme-corp/p1");
  const std::map<std::string, std::string> current = PersonaOf(Encode(rows, key), hub_key);
  EXPECT_EQ(current.at("birch-labs/m2"), "acme-corp/m1");
  EXPECT_EQ(current.at("birch-labs/p2"), "acme-corp/p1");
}

TEST(ConsortiumView, Format1EncoderStillWritesTheLastFormat1BuildsTokens) {
  // tests/fixtures/submission_v1: files of the last format-1 build, from examples/applications.csv
  // under CountingKey(0). Encoding the same rows in format 1 today gives the same records.
  IssueLog issues;
  Result<std::vector<ApplicationRecord>> read =
      ingest::ReadApplications(std::string(CROSSCHECK_SOURCE_DIR) + "/examples/applications.csv", {}, issues);
  ASSERT_TRUE(read) << read.error().ToString();
  const std::vector<NormalizedApplication> apps = normalize::NormalizeApplications(*read, {}, nullptr);
  const share::SubmissionEncoder encoder(test_world::CountingKey(0), kEpoch, SubmissionFormat::kV1);
  std::size_t compared = 0, with_photo = 0;
  for (const char* company : {"acme", "globex"}) {
    SCOPED_TRACE(company);
    Result<share::Submission> fixture = share::ReadSubmission(std::filesystem::path(CROSSCHECK_SOURCE_DIR) /
                                                              "tests/fixtures/submission_v1" /
                                                              (std::string(company) + ".ccsub"));
    ASSERT_TRUE(fixture) << fixture.error().ToString();
    ASSERT_EQ(fixture->key_id, encoder.key_id());
    for (std::size_t idx = 0; idx < apps.size(); ++idx) {
      if ((*read)[idx].company_id != company) continue;
      const share::ConsortiumRecord record = encoder.Encode(apps[idx], (*read)[idx]);
      for (const share::ConsortiumRecord& old : fixture->records) {
        if (old.handle != record.handle) continue;
        SCOPED_TRACE((*read)[idx].application_id);
        ++compared;
        with_photo += old.photo_bands.empty() ? 0 : 1;
        EXPECT_EQ(record.photo_bands, old.photo_bands);
        EXPECT_EQ(record.tokens, old.tokens);
        EXPECT_EQ(record.name_keys, old.name_keys);
        EXPECT_EQ(record.resume_bins, old.resume_bins);
      }
    }
  }
  EXPECT_EQ(compared, 4u);
  EXPECT_GE(with_photo, 2u);
}

}  // namespace
}  // namespace crosscheck::hub
