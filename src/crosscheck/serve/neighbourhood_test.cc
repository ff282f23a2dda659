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
  EXPECT_EQ(index.Holders(phone), 2u);
  EXPECT_EQ(AroundIds(index, {{old_email}}, {"x"}, 256), (std::vector<std::string>{"a-1"}));

  index.Add("a-1", {phone, new_email, new_email});  // replaced: new e-mail, repeated key
  EXPECT_EQ(index.Holders(old_email), 0u);
  EXPECT_EQ(index.Holders(new_email), 1u);
  EXPECT_EQ(index.Holders(phone), 2u);
  ASSERT_NE(index.KeysOf("a-1"), nullptr);
  EXPECT_EQ(*index.KeysOf("a-1"), (std::vector<ArtifactKey>{phone, new_email}));
  EXPECT_EQ(index.KeysOf("nobody"), nullptr);
  // Generic keys bring nobody in; the applications' own ids are left out.
  EXPECT_TRUE(AroundIds(index, {{phone}}, {"x"}, 1).empty());
  EXPECT_EQ(AroundIds(index, {{phone}}, {"a-2"}, 256), (std::vector<std::string>{"a-1"}));
  EXPECT_EQ(AroundIds(index, {{phone}}, {"x"}, 256, 1).size(), 1u);  // at most `limit` ids
  EXPECT_EQ(AroundIds(index, {{phone}}, {"x"}, 256).size(), 2u);
}

}  // namespace
}  // namespace crosscheck::serve
