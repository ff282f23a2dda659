// ForceLayout places the nodes of a graph in the plane for the report's drawings: the grid
// variant of Fruchterman & Reingold (1991), the same algorithm as the web UI's ui/src/layout.js,
// so an iteration costs O(nodes + edges) and the page shows what the UI shows.
//
//   std::vector<Point> at = ForceLayout(node_count, {{0, 1}, {1, 2}});
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace crosscheck::pipeline {

// Point is a position in layout units (an ideal edge is kIdealEdgeLength long).
struct Point {
  double x = 0;
  double y = 0;
};

// kIdealEdgeLength is Fruchterman & Reingold's k, the length an edge settles to.
inline constexpr double kIdealEdgeLength = 60;

// ForceLayout returns one position per node 0..node_count-1; `edges` are pairs of node indexes
// (out-of-range ones and loops are ignored). Deterministic: nodes start on a sunflower spiral
// in breadth-first order from node 0, so list the most important node first. O(iterations x
// (nodes + edges)) when nodes spread out as they do.
std::vector<Point> ForceLayout(std::size_t node_count,
                               const std::vector<std::pair<std::size_t, std::size_t>>& edges,
                               int iterations = 120);

}  // namespace crosscheck::pipeline
