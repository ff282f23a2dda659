// The hub's persona linkage on hand-made name keys: what two records must share to be one
// persona, and how ties under an agency's shared contact details are used.
#include "crosscheck/hub/persona_linkage.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crosscheck::hub {
namespace {

// A record: its source ("direct", "agency:X") and its name keys as (kind, word) pairs, where
// equal words stand for one name form under one identifier.
struct Record {
  std::string source;
  std::vector<NameWord> words;
};

class Linkage {
 public:
  explicit Linkage(std::vector<Record> records) : records_(std::move(records)) {
    for (std::size_t idx = 0; idx < records_.size(); ++idx) {
      NormalizedApplication app;
      app.application_id = "r" + std::to_string(10 + idx);
      app.source = records_[idx].source;
      apps_.push_back(std::move(app));
    }
    std::vector<const NormalizedApplication*> apps;
    std::vector<const std::vector<NameWord>*> words;
    for (std::size_t idx = 0; idx < records_.size(); ++idx) {
      apps.push_back(&apps_[idx]);
      words.push_back(&records_[idx].words);
    }
    ids_ = LinkPersonas(apps, words);
  }
  bool Together(std::size_t left, std::size_t right) const { return ids_[left] == ids_[right]; }

 private:
  std::vector<Record> records_;
  std::vector<NormalizedApplication> apps_;
  std::vector<std::string> ids_;
};

NameWord Whole(std::uint64_t word) { return {'f', word}; }
NameWord Part(std::uint64_t word) { return {'p', word}; }
NameWord Skeleton(std::uint64_t word) { return {'s', word}; }

// Words 1-3: the family name under the agency's inbox, its phone, and its skeleton under the
// inbox (what any two candidates of that family the agency submitted share).
const std::vector<NameWord> kFamilyUnderAgency = {Part(1), Part(2), Skeleton(3)};

std::vector<NameWord> With(std::vector<NameWord> words, std::vector<NameWord> more) {
  words.insert(words.end(), more.begin(), more.end());
  return words;
}

TEST(HubPersonaLinkage, TwoPartKeysLinkRecordsOutsideAnAgency) {
  const Linkage linkage({{"direct", {Part(1), Part(2)}}, {"platform:linkedin", {Part(1), Part(2)}},
                         {"direct", {Part(1), Skeleton(3)}}});
  EXPECT_TRUE(linkage.Together(0, 1));
  EXPECT_FALSE(linkage.Together(0, 2));  // one part and one skeleton: relatives under a family phone
}

TEST(HubPersonaLinkage, AnAgencysCandidatesWithTheirOwnIdentifiersAreNotJoinedByAFamilyName) {
  // Two candidates of one family name, each also applying directly under a whole name of their
  // own, submitted by one agency under its inbox and phone: two people.
  const Linkage linkage({{"agency:a", With(kFamilyUnderAgency, {Whole(10)})}, {"direct", {Whole(10)}},
                         {"agency:a", With(kFamilyUnderAgency, {Whole(20)})}, {"direct", {Whole(20)}}});
  EXPECT_TRUE(linkage.Together(0, 1));
  EXPECT_TRUE(linkage.Together(2, 3));
  EXPECT_FALSE(linkage.Together(0, 2));
}

TEST(HubPersonaLinkage, AgencyOnlyCandidatesAreNotChainedTogether) {
  // Candidates the agency alone ever submitted: a family name in common is not one person.
  const Linkage linkage({{"agency:a", With(kFamilyUnderAgency, {Whole(10)})},
                         {"agency:a", With(kFamilyUnderAgency, {Whole(20)})},
                         {"agency:a", With(kFamilyUnderAgency, {Whole(30)})}});
  EXPECT_FALSE(linkage.Together(0, 1));
  EXPECT_FALSE(linkage.Together(1, 2));
}

TEST(HubPersonaLinkage, AnAgencyOnlyRecordJoinsTheOnePersonaItFits) {
  // A front agency's submission under a typo'd given name ("Eily Nelson") with nothing of its
  // own: the one persona of that family name the agency submitted and that applies elsewhere.
  const Linkage linkage({{"agency:a", kFamilyUnderAgency},
                         {"agency:a", With(kFamilyUnderAgency, {Whole(10)})},
                         {"direct", {Whole(10)}}});
  EXPECT_TRUE(linkage.Together(0, 1));
  EXPECT_TRUE(linkage.Together(0, 2));
}

TEST(HubPersonaLinkage, AnAgencyOnlyRecordThatFitsTwoPersonasJoinsNeither) {
  const Linkage linkage({{"agency:a", kFamilyUnderAgency},
                         {"agency:a", With(kFamilyUnderAgency, {Whole(10)})}, {"direct", {Whole(10)}},
                         {"agency:a", With(kFamilyUnderAgency, {Whole(20)})}, {"direct", {Whole(20)}}});
  EXPECT_FALSE(linkage.Together(0, 1));
  EXPECT_FALSE(linkage.Together(0, 3));
  EXPECT_FALSE(linkage.Together(1, 3));
}

TEST(HubPersonaLinkage, BothNamePartsAlikeLinkWithinAnAgency) {
  // A part and two skeletons (the family name, and the given name's skeleton under the inbox):
  // "Danial Nelson" and "Daniel Nelson", one person.
  const Linkage linkage({{"agency:a", With(kFamilyUnderAgency, {Skeleton(4)})},
                         {"agency:a", With(kFamilyUnderAgency, {Skeleton(4)})},
                         {"agency:b", With(kFamilyUnderAgency, {Whole(10)})}});
  EXPECT_TRUE(linkage.Together(0, 1));
  EXPECT_TRUE(linkage.Together(0, 2));  // another agency's record: the rule for any two records
}

}  // namespace
}  // namespace crosscheck::hub
