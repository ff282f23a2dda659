#include "crosscheck/link/pair_comparator.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace crosscheck::link {
namespace {

// GivenNameLabel compares two given names (surnames equal) and returns the given name's label.
std::string GivenNameLabel(const std::string& left, const std::string& right) {
  PreparedTable table({FieldSpec{"given_name", FieldType::kGivenName}, FieldSpec{"surname", FieldType::kSurname}});
  table.Append(0, "a", {left, "okafor"});
  table.Append(1, "b", {right, "okafor"});
  const PairComparator comparator(table);
  std::vector<std::uint8_t> levels(comparator.field_count());
  std::vector<std::uint32_t> exact_values(comparator.field_count());
  comparator.Compare(0, 1, levels.data(), exact_values.data());
  EXPECT_EQ(levels[1], 0) << "surnames are equal";
  return comparator.level_labels(0).at(levels[0]);
}

TEST(PairComparator, NamePartsAreGradedDownToSimilarAndAlikeBeforeElse) {
  // Jaro-Winkler (prefix scale 0.1): the corrupted names of heavily keyed registers fall
  // between the fuzzy cut (0.88) and unrelated names.
  const std::vector<std::pair<std::pair<std::string, std::string>, std::string>> cases = {
      {{"martha", "martha"}, "exact"},
      {{"martha", "marhta"}, "near (1 edit or Jaro-Winkler >= 0.94)"},
      {{"gyndvoun", "gindvound"}, "fuzzy (Jaro-Winkler >= 0.88 or sounds alike)"},  // 0.896
      {{"dumnand", "dumriand"}, "similar (Jaro-Winkler >= 0.8)"},                   // 0.869
      {{"santos", "saritos"}, "similar (Jaro-Winkler >= 0.8)"},                     // 0.879
      {{"andrci", "ancrley"}, "alike (Jaro-Winkler >= 0.7)"},                       // 0.730
      {{"m", "martha"}, "initial"},
      {{"martha", "okonkwo"}, "else"},
  };
  for (const auto& [names, label] : cases) {
    EXPECT_EQ(GivenNameLabel(names.first, names.second), label) << names.first << " / " << names.second;
  }
}

TEST(PairComparator, TheLastLevelIsStillElseAndNameFieldsKeepTheirSwappedLevel) {
  const std::vector<std::string> labels = LevelLabels(FieldType::kGivenName, true);
  ASSERT_EQ(labels.size(), 8U);
  EXPECT_EQ(labels[3], "swapped with the other name field");
  EXPECT_EQ(labels.back(), "else");
  EXPECT_EQ(LevelLabels(FieldType::kSurname, false).back(), "else");
  // Places grade down to "similar" only (a town's name is short and often shares its ending
  // with many others); free strings keep four levels.
  EXPECT_EQ(LevelLabels(FieldType::kCity, false).at(3), "similar (Jaro-Winkler >= 0.8)");
  EXPECT_EQ(LevelLabels(FieldType::kCity, false).size(), 5U);
  EXPECT_EQ(LevelLabels(FieldType::kString, false).size(), 4U);
}

}  // namespace
}  // namespace crosscheck::link
