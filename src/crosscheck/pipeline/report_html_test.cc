// report.html as a reviewer triages from it: severity order, anchors, addresses as written,
// big networks capped with the rest listed, every shared artifact and its kind visible.
#include <gtest/gtest.h>

#include <string>

#include "crosscheck/pipeline/report_html.h"
#include "crosscheck/pipeline/report_network_model.h"
#include "crosscheck/pipeline/report_network_svg.h"
#include "crosscheck/pipeline/report_writer.h"

namespace crosscheck::pipeline {
namespace {

std::size_t Occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

// AddNetwork appends a flagged network of `people` personas (one application each, named
// "<id> person <n>") tied in a chain by one phone per neighbouring pair.
void AddNetwork(ScanResult& result, const std::string& id, const std::string& level, int score, std::size_t people) {
  NetworkView network{.network_id = id, .score = score, .level = level};
  for (std::size_t person_idx = 0; person_idx < people; ++person_idx) {
    const std::string persona = id + "-P" + std::to_string(person_idx);
    network.personas.push_back(persona);
    network.applications.push_back(result.applications.size());
    result.applications.push_back({id + "-a" + std::to_string(person_idx), "c" + std::to_string(person_idx),
                                   id + " person " + std::to_string(person_idx), persona, id,
                                   person_idx == 0 ? score : 60, person_idx == 0 ? level : "medium", {}});
    if (person_idx > 0) {
      network.edges.push_back({network.personas[person_idx - 1], persona, "phone",
                               "+1***" + std::to_string(person_idx), 0.9});
    }
  }
  result.flagged_networks.push_back(std::move(network));
}

TEST(ReportHtml, ListsNetworksMostSevereFirstEachOnItsAnchor) {
  ScanResult result;
  AddNetwork(result, "N-high-99", "high", 99, 2);
  AddNetwork(result, "N-critical", "critical", 99, 2);
  AddNetwork(result, "N-high-97", "high", 97, 3);
  const std::string html = RenderReportHtml(result, IssueLog());
  const std::size_t critical = html.find("id=\"network-N-critical\"");
  const std::size_t high_99 = html.find("id=\"network-N-high-99\"");
  const std::size_t high_97 = html.find("id=\"network-N-high-97\"");
  ASSERT_NE(critical, std::string::npos);
  ASSERT_NE(high_99, std::string::npos);
  ASSERT_NE(high_97, std::string::npos);
  EXPECT_LT(critical, high_99);
  EXPECT_LT(high_99, high_97);
  // The triage table links each anchor, in the same order, before any section.
  EXPECT_LT(html.find("href=\"#network-N-critical\""), html.find("href=\"#network-N-high-99\""));
  EXPECT_LT(html.find("href=\"#network-N-high-97\""), critical);
  // People by name, each on an anchor of its own.
  EXPECT_NE(html.find("id=\"person-N-critical-P1\""), std::string::npos);
  EXPECT_NE(html.find("N-critical person 1"), std::string::npos);
}

TEST(ReportHtml, ShowsLevelAndScoreTogetherAndSummarizesLevels) {
  ScanResult result;
  AddNetwork(result, "N1", "critical", 99, 2);
  result.summary.applications_by_level = {{"critical", 1}, {"medium", 1}};
  const std::string html = RenderReportHtml(result, IssueLog());
  EXPECT_NE(html.find("<span class=\"lvl critical\">critical 99</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"lvl medium\">medium 60</span>"), std::string::npos);
  EXPECT_NE(html.find("score 50–98"), std::string::npos);  // why 98 is medium beside 99 high
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // no fetches
}

TEST(ReportHtml, ShowsAddressesAsWritten) {
  ScanResult result;
  AddNetwork(result, "N1", "critical", 99, 2);
  NetworkView& network = result.flagged_networks[0];
  network.edges.push_back({network.personas[0], network.personas[1], "shipping_address", "address #4fc858 (US)",
                           0.8, "88 Meadow Lane, Plano, TX 75023"});
  result.applications[0].reasons.push_back(
      {"SHARED_SHIPPING_ADDRESS", 2.0, "shared", {"shipping_address address #4fc858 (US)"}});
  const std::string html = RenderReportHtml(result, IssueLog());
  // In the artifacts table, the drawing's tooltip and beside the reason's evidence.
  EXPECT_GE(Occurrences(html, "88 Meadow Lane, Plano, TX 75023"), 3u);
  // And a person's own addresses beside their reasons.
  result.applications[0].home_address = "4410 Burnet Rd, Austin, TX, 78756, US";
  EXPECT_NE(RenderReportHtml(result, IssueLog()).find("lives at <span class=\"addr\">4410 Burnet Rd, Austin"),
            std::string::npos);
}

TEST(ReportHtml, CapsABigNetworkAndListsTheRest) {
  ScanResult result;
  AddNetwork(result, "N-big", "critical", 99, 80);
  const NetworkModel model = BuildNetworkModel(result, result.flagged_networks[0], {.max_people = 30});
  ASSERT_EQ(model.people.size(), 80u);
  EXPECT_EQ(model.drawn_people, 30u);
  EXPECT_EQ(model.people[0].persona_id, "N-big-P0");  // the critical one first
  EXPECT_TRUE(model.people[0].drawn);
  std::size_t hidden = 0;
  for (const ReportPerson& person : model.people) hidden += person.drawn ? person.hidden_neighbours : 0;
  EXPECT_EQ(hidden, 1u);  // the chain leaves the drawing once
  const std::string html = RenderReportHtml(result, IssueLog());
  EXPECT_EQ(Occurrences(html, "<tr id=\"person-"), 80u);  // everyone in the table
  EXPECT_EQ(Occurrences(html, "<circle "), 30u);          // 30 in the drawing
  EXPECT_NE(html.find("drawn: the 30 most severe people"), std::string::npos);
  EXPECT_NE(html.find("(not drawn; 1 of them drawn)"), std::string::npos);
  EXPECT_NE(html.find(">+1</text>"), std::string::npos);
  // Every artifact is listed, the weaker ones folded.
  EXPECT_NE(html.find("Shared artifacts (79)"), std::string::npos);
  EXPECT_NE(html.find("54 weaker artifacts"), std::string::npos);
  EXPECT_EQ(Occurrences(html, "<span class=\"chip k-phone\"><i>P</i>phone</span>"), 79u + 1);  // + legend
}

TEST(ReportHtml, DrawsEverySharedArtifactOfAPairWithItsKind) {
  // Five artifacts tie the same two people: five squares, five kinds in the legend, five rows.
  ScanResult result;
  AddNetwork(result, "N1", "critical", 99, 2);
  NetworkView& network = result.flagged_networks[0];
  network.edges.clear();
  for (const char* kind : {"phone", "device", "payout_account", "photo", "resume"}) {
    network.edges.push_back({network.personas[0], network.personas[1], kind, std::string(kind) + " value", 0.9});
  }
  const NetworkModel model = BuildNetworkModel(result, network, {});
  ASSERT_EQ(model.artifacts.size(), 5u);
  const std::string svg = RenderNetworkSvg(model, network.network_id);
  EXPECT_EQ(Occurrences(svg, "<rect "), 5u);
  EXPECT_EQ(Occurrences(svg, "<line "), 10u);
  for (const char* kind : {"phone", "device", "payout_account", "photo", "resume"}) {
    SCOPED_TRACE(kind);
    EXPECT_NE(svg.find("<rect class=\"k-" + std::string(kind) + "\""), std::string::npos);
    EXPECT_NE(svg.find("</i>" + std::string(kind) + "</span>"), std::string::npos);  // legend
  }
  EXPECT_NE(svg.find(">N1 person 0</text>"), std::string::npos);  // labelled by name
  const std::string html = RenderReportHtml(result, IssueLog());
  EXPECT_NE(html.find("Shared artifacts (5)"), std::string::npos);
}

TEST(ReportHtml, TriageOrderBreaksTiesByFlaggedApplications) {
  ScanResult result;
  AddNetwork(result, "N-a", "critical", 99, 2);
  AddNetwork(result, "N-b", "critical", 99, 3);
  result.applications[3].level = "high";  // N-b has two flagged applications
  EXPECT_EQ(TriageOrder(result), (std::vector<std::size_t>{1, 0}));
}

}  // namespace
}  // namespace crosscheck::pipeline
