#include "crosscheck/pipeline/force_layout.h"

#include <gtest/gtest.h>

#include <cmath>

namespace crosscheck::pipeline {
namespace {

double Distance(Point left, Point right) { return std::hypot(left.x - right.x, left.y - right.y); }

TEST(ForceLayout, TiedNodesSitCloserThanUntiedOnes) {
  // Two triangles joined by one edge: a node is nearer its own triangle than the other.
  const auto at = ForceLayout(6, {{0, 1}, {1, 2}, {2, 0}, {3, 4}, {4, 5}, {5, 3}, {2, 3}});
  ASSERT_EQ(at.size(), 6u);
  EXPECT_LT(Distance(at[0], at[1]), Distance(at[0], at[5]));
  EXPECT_LT(Distance(at[4], at[5]), Distance(at[4], at[0]));
}

TEST(ForceLayout, KeepsNodesApartAndIsDeterministic) {
  std::vector<std::pair<std::size_t, std::size_t>> star;
  for (std::size_t leaf = 1; leaf < 40; ++leaf) star.emplace_back(0, leaf);
  const auto at = ForceLayout(40, star);
  EXPECT_EQ(at.size(), 40u);
  for (std::size_t left = 0; left < at.size(); ++left) {
    for (std::size_t right = left + 1; right < at.size(); ++right) {
      EXPECT_GT(Distance(at[left], at[right]), kIdealEdgeLength / 10) << left << " " << right;
    }
  }
  const auto again = ForceLayout(40, star);
  for (std::size_t node = 0; node < at.size(); ++node) {
    EXPECT_EQ(at[node].x, again[node].x);
    EXPECT_EQ(at[node].y, again[node].y);
  }
}

TEST(ForceLayout, IgnoresBadEdgesAndEmptyGraphs) {
  EXPECT_TRUE(ForceLayout(0, {{0, 1}}).empty());
  const auto at = ForceLayout(2, {{0, 7}, {1, 1}});
  ASSERT_EQ(at.size(), 2u);
  EXPECT_TRUE(std::isfinite(at[0].x) && std::isfinite(at[1].y));
}

}  // namespace
}  // namespace crosscheck::pipeline
