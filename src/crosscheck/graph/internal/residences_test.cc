#include "crosscheck/graph/internal/residences.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crosscheck::graph::internal {
namespace {

NormalizedApplication Resident(const std::string& city, const std::string& postal_code) {
  NormalizedApplication application;
  application.city = city;
  application.postal_code = postal_code;
  return application;
}

SharedArtifact Home(const std::string& key, std::vector<std::size_t> holders) {
  SharedArtifact artifact;
  artifact.kind = ArtifactKind::kHomeAddress;
  artifact.value = key;
  artifact.applications = std::move(holders);
  return artifact;
}

TEST(GroupResidences, AKeyWithoutPostalCodeJoinsTheKeyWithOneInTheSameCity) {
  const std::vector<NormalizedApplication> applications = {
      Resident("phoenix", "85045"), Resident("phoenix", "85045"), Resident("phoenix", ""), Resident("phoenix", ""),
      Resident("tucson", ""),       Resident("tucson", "")};
  SharedArtifact phone;
  phone.kind = ArtifactKind::kPhone;
  phone.value = "+12065781963";
  phone.applications = {0, 2};
  const std::vector<SharedArtifact> artifacts = {
      Home("138 willow way|85045|US", {0, 1}), phone, Home("138 willow way|phoenix|US", {2, 3}),
      Home("138 willow way|tucson|US", {4, 5})};
  const std::vector<std::vector<std::size_t>> residences = GroupResidences(applications, artifacts);
  ASSERT_EQ(residences.size(), 2U);
  EXPECT_EQ(residences[0], (std::vector<std::size_t>{0, 2}));  // the city is a holder's city
  EXPECT_EQ(residences[1], (std::vector<std::size_t>{3}));     // another city: another residence
}

TEST(GroupResidences, OtherStreetsCountriesAndAmbiguousCitiesStayApart) {
  const std::vector<NormalizedApplication> applications = {
      Resident("springfield", "62704"), Resident("springfield", "62704"), Resident("springfield", "62701"),
      Resident("springfield", "62701"), Resident("springfield", ""),      Resident("springfield", ""),
      Resident("springfield", ""),      Resident("springfield", "")};
  const std::vector<SharedArtifact> artifacts = {
      Home("12 elm st|62704|US", {0, 1}), Home("12 elm st|62701|US", {2, 3}),
      // Two postal codes in Springfield for 12 Elm St: which one the bare city means is unknown.
      Home("12 elm st|springfield|US", {4, 5}),
      // A unit of the building is another residence.
      Home("12 elm st unit 4|springfield|US", {6, 7})};
  const std::vector<std::vector<std::size_t>> residences = GroupResidences(applications, artifacts);
  EXPECT_EQ(residences.size(), 4U);
  for (const std::vector<std::size_t>& residence : residences) EXPECT_EQ(residence.size(), 1U);
}

}  // namespace
}  // namespace crosscheck::graph::internal
