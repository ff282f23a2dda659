#include "crosscheck/link/source_alignment.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "crosscheck/common/strings.h"
#include "crosscheck/link/linker.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::link {
namespace {

RecordTable Build(const std::vector<LinkSource>& sources) {
  IssueLog issues;
  auto table = BuildRecordTable(sources, SchemaOptions{.id_column = "id"}, issues);
  EXPECT_TRUE(table) << table.error().ToString();
  return table ? std::move(*table) : RecordTable{};
}

std::vector<std::string> FieldNames(const RecordTable& table) {
  std::vector<std::string> names;
  for (const FieldSpec& field : table.fields) names.push_back(field.name);
  return names;
}

// Five people in two systems: one writes dates as YYYYMMDD under "date_of_birth", the other
// as DD/MM/YYYY under "dob", and only the second records a hire date.
std::vector<LinkSource> TwoSystems() {
  LinkSource a{.name = "a.csv", .header = {"id", "given_name", "surname", "date_of_birth"}};
  LinkSource b{.name = "b.csv", .header = {"id", "full_name", "dob", "hire_date"}};
  const std::vector<std::vector<std::string>> people = {{"anna", "berg", "1985", "03", "12"},
                                                        {"li", "wei", "1990", "11", "02"},
                                                        {"omar", "haddad", "1978", "07", "30"},
                                                        {"jo", "kim", "2001", "01", "15"},
                                                        {"eva", "novak", "1969", "12", "24"}};
  for (std::size_t idx = 0; idx < people.size(); ++idx) {
    const auto& p = people[idx];
    a.rows.push_back({"a" + std::to_string(idx), p[0], p[1], p[2] + p[3] + p[4]});
    b.rows.push_back({"b" + std::to_string(idx), p[1] + " " + p[0], p[4] + "/" + p[3] + "/" + p[2],
                      "2024-0" + std::to_string(1 + idx) + "-01"});
  }
  return {a, b};
}

TEST(AlignFieldsAcrossSources, MergesRenamedColumnsAndJoinsNameParts) {
  RecordTable table = Build(TwoSystems());
  ASSERT_EQ(FieldNames(table), (std::vector<std::string>{"given_name", "surname", "date_of_birth", "full_name",
                                                         "dob", "hire_date"}));
  const std::vector<std::string> merges = AlignFieldsAcrossSources(table);
  EXPECT_EQ(merges, (std::vector<std::string>{"date_of_birth and dob merged",
                                              "name parts given_name + surname joined into full_name"}));
  // The hire date shares no value with the birth dates: it stays its own field.
  EXPECT_EQ(FieldNames(table),
            (std::vector<std::string>{"date_of_birth/dob", "full_name/given_name/surname", "hire_date"}));
  ASSERT_EQ(table.records.size(), 10u);
  EXPECT_EQ(table.records[0].id, "a0");
  EXPECT_EQ(table.records[0].values, (std::vector<std::string>{"19850312", "anna berg", ""}));
  EXPECT_EQ(table.records[5].id, "b0");
  EXPECT_EQ(table.records[5].values, (std::vector<std::string>{"12/03/1985", "berg anna", "2024-01-01"}));
}

TEST(AlignFieldsAcrossSources, LeavesColumnsOneSourceFillsTogetherAlone) {
  std::vector<LinkSource> sources = TwoSystems();
  // Source b now also has given names: given_name is no longer absent from the full-name
  // source, so the parts are not folded, and a single schema has nothing to align.
  sources[1].header.push_back("given_name");
  for (auto& row : sources[1].rows) row.push_back(SplitString(row[1], ' ')[1]);
  RecordTable table = Build(sources);
  const std::vector<std::string> merges = AlignFieldsAcrossSources(table);
  EXPECT_EQ(merges, (std::vector<std::string>{"date_of_birth and dob merged"}));
  EXPECT_EQ(FieldNames(table),
            (std::vector<std::string>{"given_name", "surname", "date_of_birth/dob", "full_name", "hire_date"}));

  RecordTable single = Build({sources[0]});
  const std::vector<std::string> before = FieldNames(single);
  EXPECT_TRUE(AlignFieldsAcrossSources(single).empty());
  EXPECT_EQ(FieldNames(single), before);
}

// LoadFebrl reads a FEBRL file (", "-separated, no quotes).
std::vector<std::vector<std::string>> LoadFebrl(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields = SplitString(line, ',');
    for (auto& field : fields) field = std::string(TrimAscii(field));
    rows.push_back(std::move(fields));
  }
  return rows;
}

// FEBRL 4a as one system exports it and 4b as another would: a full name in either order,
// dates as DD/MM/YYYY, the street number and name in one column, no social security number.
TEST(AlignFieldsAcrossSources, LinksFebrlExportedUnderTwoSchemas) {
  const std::string shared = CROSSCHECK_SHARED_DIR;
  const auto a_rows = LoadFebrl(shared + "/data/febrl/dataset4a.csv");
  const auto b_rows = LoadFebrl(shared + "/data/febrl/dataset4b.csv");
  ASSERT_GT(a_rows.size(), 1000u);
  LinkSource a{.name = "a.csv", .header = a_rows[0]};
  a.header[0] = "id";
  a.rows.assign(a_rows.begin() + 1, a_rows.end());
  LinkSource b{.name = "b.csv", .header = {"id", "name", "dob", "street", "locality", "suburb", "postcode", "state"}};
  for (std::size_t idx = 1; idx < b_rows.size(); ++idx) {
    const auto& r = b_rows[idx];  // rec_id given surname number address_1 address_2 suburb postcode state dob ssn
    const std::string& d = r[9];
    const std::string dob = d.size() == 8 ? d.substr(6, 2) + "/" + d.substr(4, 2) + "/" + d.substr(0, 4) : d;
    const std::string name = idx % 3 == 0 ? r[2] + " " + r[1] : r[1] + " " + r[2];
    b.rows.push_back({r[0], std::string(TrimAscii(name)), dob, std::string(TrimAscii(r[3] + " " + r[4])), r[5], r[6],
                      r[7], r[8]});
  }
  IssueLog issues;
  auto table = BuildRecordTable({a, b}, SchemaOptions{.id_column = "id", .ignore = {"soc_sec_id"}}, issues);
  ASSERT_TRUE(table) << table.error().ToString();
  const std::vector<std::string> merges = AlignFieldsAcrossSources(*table);
  // Suburb, postcode and state have the same names in both; "locality" (a city-like
  // address line) is not the street-like address_2, so it stays apart.
  EXPECT_EQ(merges, (std::vector<std::string>{"date_of_birth and dob merged", "address_1 and street merged",
                                              "name parts given_name + surname joined into name"}));
  auto engine = LinkEngine::Run(*table, LinkOptions{});
  ASSERT_TRUE(engine);
  // Pairwise F1 against the FEBRL truth (rec-N-org and rec-N-dup-0 are entity N).
  std::map<std::string, std::set<std::size_t>> by_cluster;
  std::size_t true_pairs = 0, linked_pairs = 0, hits = 0;
  std::map<std::string, std::size_t> entity_count;
  for (std::size_t idx = 0; idx < table->records.size(); ++idx) {
    by_cluster[engine->cluster_ids()[idx]].insert(idx);
    ++entity_count[SplitString(table->records[idx].id, '-')[1]];
  }
  for (const auto& [entity, count] : entity_count) true_pairs += count * (count - 1) / 2;
  for (const auto& [cluster, members] : by_cluster) {
    for (auto left = members.begin(); left != members.end(); ++left) {
      for (auto right = std::next(left); right != members.end(); ++right) {
        ++linked_pairs;
        hits += SplitString(table->records[*left].id, '-')[1] == SplitString(table->records[*right].id, '-')[1];
      }
    }
  }
  const double precision = static_cast<double>(hits) / static_cast<double>(linked_pairs);
  const double recall = static_cast<double>(hits) / static_cast<double>(true_pairs);
  std::printf("FEBRL4 under two schemas: precision %.4f recall %.4f\n", precision, recall);
  EXPECT_GE(precision, 0.98);
  EXPECT_GE(recall, 0.95);
}

}  // namespace
}  // namespace crosscheck::link
