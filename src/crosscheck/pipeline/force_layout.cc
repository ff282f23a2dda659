#include "crosscheck/pipeline/force_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>

namespace crosscheck::pipeline {
namespace {

using Edges = std::vector<std::pair<std::size_t, std::size_t>>;

// BreadthFirst orders the nodes breadth-first over `edges`, each connected part after the last,
// so tied nodes start near each other on the spiral.
std::vector<std::size_t> BreadthFirst(std::size_t count, const Edges& edges) {
  std::vector<std::vector<std::size_t>> neighbours(count);
  for (const auto& [source, target] : edges) {
    neighbours[source].push_back(target);
    neighbours[target].push_back(source);
  }
  std::vector<bool> seen(count, false);
  std::vector<std::size_t> order;
  order.reserve(count);
  for (std::size_t root = 0; root < count; ++root) {
    if (seen[root]) continue;
    seen[root] = true;
    order.push_back(root);
    for (std::size_t head = order.size() - 1; head < order.size(); ++head) {
      for (std::size_t next : neighbours[order[head]]) {
        if (!seen[next]) {
          seen[next] = true;
          order.push_back(next);
        }
      }
    }
  }
  return order;
}

// Repel adds FR's repulsion k²/d between nodes closer than 2k, found through a grid of 2k
// cells: only the 9 cells around a node are visited.
void Repel(const std::vector<Point>& at, std::vector<Point>& force) {
  const std::size_t count = at.size();
  constexpr double kCell = 2 * kIdealEdgeLength;
  double min_x = std::numeric_limits<double>::infinity(), min_y = min_x, max_x = -min_x;
  for (const Point& point : at) {
    min_x = std::min(min_x, point.x);
    min_y = std::min(min_y, point.y);
    max_x = std::max(max_x, point.x);
  }
  const auto columns = static_cast<std::int64_t>((max_x - min_x) / kCell) + 1;
  std::vector<std::int64_t> cell_of(count);
  std::int64_t cells = 0;
  for (std::size_t node = 0; node < count; ++node) {
    cell_of[node] = static_cast<std::int64_t>((at[node].y - min_y) / kCell) * columns +
                    static_cast<std::int64_t>((at[node].x - min_x) / kCell);
    cells = std::max(cells, cell_of[node] + 1);
  }
  // Nodes sorted by cell: first[cell] .. first[cell + 1] index `order`.
  std::vector<std::size_t> first(static_cast<std::size_t>(cells) + 1, 0);
  for (std::size_t node = 0; node < count; ++node) ++first[static_cast<std::size_t>(cell_of[node]) + 1];
  for (std::size_t slot = 0; slot < static_cast<std::size_t>(cells); ++slot) first[slot + 1] += first[slot];
  std::vector<std::size_t> order(count);
  std::vector<std::size_t> filled(first.begin(), first.end() - 1);
  for (std::size_t node = 0; node < count; ++node) order[filled[static_cast<std::size_t>(cell_of[node])]++] = node;
  constexpr double kReach = kCell * kCell;
  for (std::size_t node = 0; node < count; ++node) {
    const std::int64_t column = cell_of[node] % columns;
    const std::int64_t row = cell_of[node] / columns;
    for (std::int64_t near_row = row - 1; near_row <= row + 1; ++near_row) {
      for (std::int64_t near_column = std::max<std::int64_t>(0, column - 1);
           near_column <= std::min(columns - 1, column + 1); ++near_column) {
        const std::int64_t slot = near_row * columns + near_column;
        if (slot < 0 || slot >= cells) continue;
        for (std::size_t position = first[slot]; position < first[slot + 1]; ++position) {
          const std::size_t other = order[position];
          if (other == node) continue;
          double ex = at[node].x - at[other].x;
          double ey = at[node].y - at[other].y;
          double squared = ex * ex + ey * ey;
          if (squared == 0) {  // two nodes on one spot: push them apart along x
            ex = (static_cast<double>(node) - static_cast<double>(other)) * 0.01;
            ey = 0;
            squared = ex * ex;
          }
          if (squared >= kReach) continue;
          const double push = kIdealEdgeLength * kIdealEdgeLength / squared;
          force[node].x += ex * push;
          force[node].y += ey * push;
        }
      }
    }
  }
}

}  // namespace

std::vector<Point> ForceLayout(std::size_t node_count, const Edges& edges, int iterations) {
  Edges links;
  for (const auto& [source, target] : edges) {
    if (source < node_count && target < node_count && source != target) links.emplace_back(source, target);
  }
  std::vector<Point> at(node_count);
  const double golden = std::numbers::pi * (3 - std::sqrt(5.0));
  const std::vector<std::size_t> order = BreadthFirst(node_count, links);
  for (std::size_t turn = 0; turn < order.size(); ++turn) {
    const double radius = kIdealEdgeLength * std::sqrt(static_cast<double>(turn) + 0.5);
    at[order[turn]] = {radius * std::cos(static_cast<double>(turn) * golden),
                       radius * std::sin(static_cast<double>(turn) * golden)};
  }
  std::vector<Point> force(node_count);
  const double start = kIdealEdgeLength * std::sqrt(static_cast<double>(node_count)) * 0.5;
  for (int step = 0; step < iterations; ++step) {
    std::fill(force.begin(), force.end(), Point{});
    Repel(at, force);
    for (const auto& [source, target] : links) {
      const double ex = at[source].x - at[target].x;
      const double ey = at[source].y - at[target].y;
      const double pull = std::sqrt(ex * ex + ey * ey) / kIdealEdgeLength;  // FR's d²/k over d
      force[source].x -= ex * pull;
      force[source].y -= ey * pull;
      force[target].x += ex * pull;
      force[target].y += ey * pull;
    }
    // Gravity keeps parts that no edge joins from drifting apart; the temperature cools linearly.
    const double temperature = start * (1 - static_cast<double>(step) / iterations) + 1;
    for (std::size_t node = 0; node < node_count; ++node) {
      const double fx = force[node].x - 0.02 * at[node].x;
      const double fy = force[node].y - 0.02 * at[node].y;
      double length = std::sqrt(fx * fx + fy * fy);
      if (length == 0) length = 1;
      const double move = std::min(length, temperature) / length;
      at[node].x += fx * move;
      at[node].y += fy * move;
    }
  }
  return at;
}

}  // namespace crosscheck::pipeline
