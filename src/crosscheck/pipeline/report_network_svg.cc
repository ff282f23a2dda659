#include "crosscheck/pipeline/report_network_svg.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "crosscheck/pipeline/force_layout.h"
#include "crosscheck/pipeline/internal/html_text.h"

namespace crosscheck::pipeline {
namespace {

using internal::EscapeHtml;
using internal::FixedNumber;

constexpr double kMargin = 70;      // room for labels around the outermost nodes
constexpr std::size_t kLabelChars = 20;
constexpr double kMaxWidth = 900;    // a spread drawing's extent, margins aside
constexpr double kMaxHeight = 800;

// Drawing maps the model's drawn people and artifacts to layout nodes: people first, in
// severity order (the layout starts from the most severe), then artifacts.
struct Drawing {
  std::vector<std::size_t> people;     // node -> index into model.people
  std::vector<std::size_t> artifacts;  // node - people.size() -> index into model.artifacts
  std::vector<Point> at;
};

// SpreadFactor returns how much to enlarge the layout (1 to 2.5) so that the median distance
// from a person to the nearest other person is at least kPersonSpacing.
double SpreadFactor(const Drawing& drawing) {
  constexpr double kPersonSpacing = 120;
  const std::size_t count = drawing.people.size();
  if (count < 2) return 1;
  std::vector<double> nearest(count, std::numeric_limits<double>::infinity());
  for (std::size_t left = 0; left < count; ++left) {
    for (std::size_t right = left + 1; right < count; ++right) {
      const double distance = std::hypot(drawing.at[left].x - drawing.at[right].x, drawing.at[left].y - drawing.at[right].y);
      nearest[left] = std::min(nearest[left], distance);
      nearest[right] = std::min(nearest[right], distance);
    }
  }
  std::nth_element(nearest.begin(), nearest.begin() + count / 2, nearest.end());
  const double median = nearest[count / 2];
  // ... but no wider or taller than the page shows at once.
  double min_x = std::numeric_limits<double>::infinity(), min_y = min_x, max_x = -min_x, max_y = max_x;
  for (const Point& point : drawing.at) {
    min_x = std::min(min_x, point.x), max_x = std::max(max_x, point.x);
    min_y = std::min(min_y, point.y), max_y = std::max(max_y, point.y);
  }
  const double fit = std::min(kMaxWidth / std::max(1.0, max_x - min_x), kMaxHeight / std::max(1.0, max_y - min_y));
  const double wanted = median <= 0 ? 3 : kPersonSpacing / median;
  return std::clamp(std::min(wanted, fit), 1.0, 2.5);
}

Drawing LayOut(const NetworkModel& model) {
  Drawing drawing;
  std::vector<std::size_t> node_of_person(model.people.size(), 0);
  for (std::size_t person_idx = 0; person_idx < model.people.size(); ++person_idx) {
    if (!model.people[person_idx].drawn) continue;
    node_of_person[person_idx] = drawing.people.size();
    drawing.people.push_back(person_idx);
  }
  std::vector<std::pair<std::size_t, std::size_t>> edges;
  for (std::size_t artifact_idx = 0; artifact_idx < model.artifacts.size(); ++artifact_idx) {
    const ReportArtifact& artifact = model.artifacts[artifact_idx];
    if (!artifact.drawn) continue;
    const std::size_t node = drawing.people.size() + drawing.artifacts.size();
    drawing.artifacts.push_back(artifact_idx);
    for (std::size_t holder : artifact.people) {
      if (model.people[holder].drawn) edges.emplace_back(node_of_person[holder], node);
    }
  }
  drawing.at = ForceLayout(drawing.people.size() + drawing.artifacts.size(), edges);
  // Spread the drawing until people sit a label's width apart: in a ring whose artifacts
  // everyone shares the layout pulls everyone to the middle.
  const double spread = SpreadFactor(drawing);
  for (Point& point : drawing.at) point = {point.x * spread, point.y * spread};
  double min_x = std::numeric_limits<double>::infinity(), min_y = min_x;
  for (const Point& point : drawing.at) {
    min_x = std::min(min_x, point.x);
    min_y = std::min(min_y, point.y);
  }
  for (Point& point : drawing.at) point = {point.x - min_x + kMargin, point.y - min_y + kMargin};
  return drawing;
}

// ShortLabel is a person's first name as given, cut to kLabelChars, and "+N" for further names.
std::string ShortLabel(const ReportPerson& person) {
  if (person.names.empty()) return person.persona_id;
  std::string label = person.names[0];
  const std::string more = person.names.size() > 1 ? " +" + std::to_string(person.names.size() - 1) : "";
  if (label.size() <= kLabelChars) return label + more;
  std::size_t cut = kLabelChars - 1;
  while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return label.substr(0, cut) + "…" + more;
}

void DrawTies(const NetworkModel& model, const Drawing& drawing, std::string& svg) {
  std::vector<std::size_t> node_of_person(model.people.size(), 0);
  for (std::size_t node = 0; node < drawing.people.size(); ++node) node_of_person[drawing.people[node]] = node;
  for (std::size_t slot = 0; slot < drawing.artifacts.size(); ++slot) {
    const ReportArtifact& artifact = model.artifacts[drawing.artifacts[slot]];
    const Point& from = drawing.at[drawing.people.size() + slot];
    for (std::size_t holder : artifact.people) {
      if (!model.people[holder].drawn) continue;
      const Point& to = drawing.at[node_of_person[holder]];
      svg += "<line class=\"" + internal::KindClass(artifact.kind) + "\" x1=\"" + FixedNumber(from.x, 0) +
             "\" y1=\"" + FixedNumber(from.y, 0) + "\" x2=\"" + FixedNumber(to.x, 0) + "\" y2=\"" +
             FixedNumber(to.y, 0) + "\"/>";
    }
  }
}

void DrawArtifacts(const NetworkModel& model, const Drawing& drawing, std::string& svg) {
  for (std::size_t slot = 0; slot < drawing.artifacts.size(); ++slot) {
    const ReportArtifact& artifact = model.artifacts[drawing.artifacts[slot]];
    const Point& at = drawing.at[drawing.people.size() + slot];
    const std::string shown = artifact.as_given.empty() ? artifact.value : artifact.as_given;
    svg += "<g><title>" + EscapeHtml(artifact.kind + ": " + shown + " (" + std::to_string(artifact.people.size()) +
                                     " people)") +
           "</title><rect class=\"" + internal::KindClass(artifact.kind) + "\" x=\"" + FixedNumber(at.x - 7, 0) +
           "\" y=\"" + FixedNumber(at.y - 7, 0) + "\" width=\"14\" height=\"14\" rx=\"2\"/><text class=\"g\" x=\"" +
           FixedNumber(at.x, 0) + "\" y=\"" + FixedNumber(at.y + 4, 0) + "\">" +
           EscapeHtml(std::string(1, internal::KindGlyph(artifact.kind))) + "</text></g>";
  }
}

// Box is the rectangle a label or a circle covers.
struct Box {
  double left, top, right, bottom;
  bool Overlaps(const Box& other) const {
    return left < other.right && other.left < right && top < other.bottom && other.top < bottom;
  }
};

// LabelSpot is where a label's text goes: its anchor point and the class of its text-anchor
// (report.html's style: "s" start, "e" end, none for middle).
struct LabelSpot {
  Point at;
  const char* anchor_class;
};

// PlaceLabel puts a label of `text` below its node, or above, right or left of it when that
// spot is taken (people first in severity order get the first choice); `taken` grows by it.
LabelSpot PlaceLabel(const Point& node, const std::string& text, std::vector<Box>& taken) {
  std::size_t characters = 0;
  for (unsigned char c : text) characters += (c & 0xC0) != 0x80 ? 1 : 0;
  const double width = 6.2 * static_cast<double>(characters), x = node.x, y = node.y;
  const std::pair<LabelSpot, Box> spots[] = {
      {{{x, y + 24}, nullptr}, {x - width / 2, y + 14, x + width / 2, y + 27}},
      {{{x, y - 15}, nullptr}, {x - width / 2, y - 25, x + width / 2, y - 12}},
      {{{x + 14, y + 4}, "s"}, {x + 14, y - 6, x + 14 + width, y + 7}},
      {{{x - 14, y + 4}, "e"}, {x - 14 - width, y - 6, x - 14, y + 7}}};
  for (const auto& [spot, box] : spots) {
    if (std::none_of(taken.begin(), taken.end(), [&](const Box& other) { return other.Overlaps(box); })) {
      taken.push_back(box);
      return spot;
    }
  }
  taken.push_back(spots[0].second);
  return spots[0].first;
}

void DrawPeople(const NetworkModel& model, const Drawing& drawing, std::string& svg) {
  std::vector<Box> taken;  // every circle and square, then the labels placed so far
  for (const Point& at : drawing.at) taken.push_back({at.x - 10, at.y - 10, at.x + 10, at.y + 10});
  for (std::size_t node = 0; node < drawing.people.size(); ++node) {
    const ReportPerson& person = model.people[drawing.people[node]];
    const Point& at = drawing.at[node];
    const std::string x = FixedNumber(at.x, 0), y = FixedNumber(at.y, 0);
    const std::string label = ShortLabel(person);
    const LabelSpot spot = PlaceLabel(at, label, taken);
    svg += "<a href=\"#person-" + EscapeHtml(person.persona_id) + "\"><title>" +
           EscapeHtml(person.Label() + " — " + person.level + " " + std::to_string(person.score) + ", " +
                      std::to_string(person.applications.size()) + " applications") +
           "</title><circle class=\"" + EscapeHtml(person.level) + "\" cx=\"" + x + "\" cy=\"" + y +
           "\" r=\"10\"/><text x=\"" + FixedNumber(spot.at.x, 0) + "\" y=\"" + FixedNumber(spot.at.y, 0) + "\"" +
           (spot.anchor_class == nullptr ? "" : " class=\"" + std::string(spot.anchor_class) + "\"") +
           ">" + EscapeHtml(label) + "</text>";
    if (person.hidden_neighbours > 0) {
      svg += "<text class=\"more\" x=\"" + FixedNumber(at.x + 12, 0) + "\" y=\"" + FixedNumber(at.y - 8, 0) +
             "\">+" + std::to_string(person.hidden_neighbours) + "</text>";
    }
    svg += "</a>";
  }
}

std::string Legend(const NetworkModel& model) {
  std::map<std::string, std::pair<std::size_t, std::size_t>> kinds;  // kind -> drawn, all
  for (const ReportArtifact& artifact : model.artifacts) {
    auto& [drawn, all] = kinds[artifact.kind];
    drawn += artifact.drawn ? 1 : 0;
    ++all;
  }
  std::string legend = "<div class=\"legend\"><b>shared artifacts</b>";
  for (const auto& [kind, counts] : kinds) {
    legend += "<div>" + internal::KindChip(kind) + " " + std::to_string(counts.first) +
              (counts.first == counts.second ? "" : " of " + std::to_string(counts.second)) + "</div>";
  }
  legend += "<b>people, by level</b>";
  for (const char* level : {"critical", "high", "medium", "low"}) {
    legend += "<div><span class=\"dot " + std::string(level) + "\"></span>" + level + "</div>";
  }
  return legend + "<div class=\"muted\">+N: ties to people not drawn</div></div>";
}

}  // namespace

std::string RenderNetworkSvg(const NetworkModel& model, std::string_view network_id) {
  const Drawing drawing = LayOut(model);
  double width = 2 * kMargin, height = 2 * kMargin;
  for (const Point& point : drawing.at) {
    width = std::max(width, point.x + kMargin);
    height = std::max(height, point.y + kMargin);
  }
  const std::string w = FixedNumber(width, 0), h = FixedNumber(height, 0);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h +
                    "\" viewBox=\"0 0 " + w + " " + h + "\" role=\"img\" aria-label=\"network " +
                    EscapeHtml(network_id) + "\">";
  DrawTies(model, drawing, svg);
  DrawArtifacts(model, drawing, svg);
  DrawPeople(model, drawing, svg);
  svg += "</svg>";
  return svg + Legend(model);
}

}  // namespace crosscheck::pipeline
