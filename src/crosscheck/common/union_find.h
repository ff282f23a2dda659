// UnionFind: disjoint sets over dense indexes, for grouping (artifact holders, a persona's name
// forms). Path halving plus union by smaller index, so roots do not depend on the order of
// unions and callers' numbering stays deterministic.
//
//   UnionFind groups(count);
//   groups.Union(left, right);
//   if (groups.Find(left) == groups.Find(other)) ...
#pragma once

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

namespace crosscheck {

class UnionFind {
 public:
  explicit UnionFind(std::size_t size) : parent_(size) { std::iota(parent_.begin(), parent_.end(), 0u); }

  // Find returns the root of node's set: the smallest index of the set.
  std::uint32_t Find(std::uint32_t node) {
    while (parent_[node] != node) {
      parent_[node] = parent_[parent_[node]];
      node = parent_[node];
    }
    return node;
  }

  // Union joins the sets of left and right.
  void Union(std::uint32_t left, std::uint32_t right) {
    left = Find(left);
    right = Find(right);
    if (left == right) return;
    if (left < right) std::swap(left, right);
    parent_[left] = right;
  }

 private:
  std::vector<std::uint32_t> parent_;
};

}  // namespace crosscheck
