#include "crosscheck/serve/neighbourhood.h"

#include <gtest/gtest.h>

namespace crosscheck::serve {
namespace {

// AroundIds is Around as ids.
std::vector<std::string> AroundIds(const NeighbourIndex& index, const std::vector<std::vector<ArtifactKey>>& keys,
                                   const std::vector<std::string>& own, std::size_t max_holders,
                                   std::size_t limit = static_cast<std::size_t>(-1)) {
  std::vector<std::string> ids;
  for (std::uint32_t ordinal : index.Around(keys, own, max_holders, limit)) {
    ids.push_back(index.IdOf(ordinal));
    EXPECT_EQ(&index.KeysAt(ordinal), index.KeysOf(ids.back()));
  }
  return ids;
}

TEST(NeighbourIndex, AReplacedApplicationDropsTheKeysItNoLongerHolds) {
  NeighbourIndex index;
  const ArtifactKey phone{'p', 1}, old_email{'e', 2}, new_email{'e', 3};
  index.Add("a-1", {phone, old_email});
  index.Add("a-2", {phone});
  EXPECT_EQ(index.HoldersOf(phone).size(), 2u);
  EXPECT_EQ(AroundIds(index, {{old_email}}, {"x"}, 256), (std::vector<std::string>{"a-1"}));

  index.Add("a-1", {phone, new_email, new_email});  // replaced: new e-mail, repeated key
  EXPECT_EQ(index.HoldersOf(old_email).size(), 0u);
  EXPECT_EQ(index.HoldersOf(new_email).size(), 1u);
  EXPECT_EQ(index.HoldersOf(phone).size(), 2u);
  ASSERT_NE(index.KeysOf("a-1"), nullptr);
  std::vector<ArtifactKey> held;
  for (const IndexedKey& key : *index.KeysOf("a-1")) held.push_back(key.key());
  EXPECT_EQ(held, (std::vector<ArtifactKey>{phone, new_email}));
  EXPECT_EQ(index.KeysOf("nobody"), nullptr);
  // Generic keys bring nobody in; the applications' own ids are left out.
  EXPECT_TRUE(AroundIds(index, {{phone}}, {"x"}, 1).empty());
  EXPECT_EQ(AroundIds(index, {{phone}}, {"a-2"}, 256), (std::vector<std::string>{"a-1"}));
  EXPECT_EQ(AroundIds(index, {{phone}}, {"x"}, 256, 1).size(), 1u);  // at most `limit` ids
  EXPECT_EQ(AroundIds(index, {{phone}}, {"x"}, 256).size(), 2u);
}

// SharedFlags lists, for each of an application's keys, whether another application holds it.
std::vector<bool> SharedFlags(const NeighbourIndex& index, const std::string& id) {
  const std::uint32_t ordinal = index.OrdinalOf(id).value();
  std::vector<bool> flags;
  for (const IndexedKey& key : index.KeysAt(ordinal)) {
    flags.push_back(key.shared);
    EXPECT_EQ(index.HolderCount(key.id), index.HoldersOf(key.key()).size());  // by id as by hash
  }
  return flags;
}

TEST(NeighbourIndex, KnowsWhichKeysAnotherApplicationHoldsAsApplicationsComeAndChange) {
  NeighbourIndex index;
  const ArtifactKey phone{'p', 1}, email{'e', 2}, other_email{'e', 3}, device{'d', 4};
  index.Add("a-1", {phone, email});
  EXPECT_EQ(SharedFlags(index, "a-1"), (std::vector<bool>{false, false}));
  index.Add("a-2", {device, phone});  // shares the phone: both know
  EXPECT_EQ(SharedFlags(index, "a-1"), (std::vector<bool>{true, false}));
  EXPECT_EQ(SharedFlags(index, "a-2"), (std::vector<bool>{false, true}));
  index.Add("a-3", {phone, device, device});  // a third holder of the phone, a second of the device
  EXPECT_EQ(SharedFlags(index, "a-2"), (std::vector<bool>{true, true}));
  EXPECT_EQ(SharedFlags(index, "a-3"), (std::vector<bool>{true, true}));
  index.Add("a-3", {other_email});  // replaced: drops the phone and the device
  EXPECT_EQ(SharedFlags(index, "a-1"), (std::vector<bool>{true, false}));  // a-2 still holds the phone
  EXPECT_EQ(SharedFlags(index, "a-2"), (std::vector<bool>{false, true}));  // the device is a-2's alone again
  EXPECT_EQ(SharedFlags(index, "a-3"), (std::vector<bool>{false}));
  index.Add("a-2", {device, email});  // drops the phone, takes a-1's e-mail
  EXPECT_EQ(SharedFlags(index, "a-1"), (std::vector<bool>{false, true}));
  EXPECT_EQ(SharedFlags(index, "a-2"), (std::vector<bool>{false, true}));
  EXPECT_FALSE(index.OrdinalOf("nobody").has_value());
  EXPECT_EQ(index.HoldersOf(email).size(), 2u);
  EXPECT_EQ(index.HoldersOf(phone).size(), 1u);
  EXPECT_TRUE(index.HoldersOf(ArtifactKey{'g', 99}).empty());
  EXPECT_FALSE(index.IdOfKey(ArtifactKey{'g', 99}).has_value());
  NeighbourIndex zero;  // hash 0 (the table's empty mark) is a key like any other
  zero.Add("b-1", {ArtifactKey{'h', 0}, ArtifactKey{'e', 5}});
  zero.Add("b-2", {ArtifactKey{'h', 0}});
  EXPECT_EQ(zero.HoldersOf(ArtifactKey{'h', 0}).size(), 2u);
  EXPECT_EQ(SharedFlags(zero, "b-1"), (std::vector<bool>{true, false}));
}

}  // namespace
}  // namespace crosscheck::serve
