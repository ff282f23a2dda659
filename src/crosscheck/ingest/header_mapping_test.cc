#include "crosscheck/ingest/header_mapping.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crosscheck/common/application_columns.h"
#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/ingest/internal/test_files.h"

namespace crosscheck::ingest {
namespace {

// ContractName returns the contract column a file column fills, or "" for none.
std::string ContractName(const HeaderMapping& mapping, std::size_t column_idx) {
  const int index = mapping.contract_index[column_idx];
  return index < 0 ? "" : std::string(kApplicationColumns[static_cast<std::size_t>(index)].name);
}

TEST(HeaderMapping, RecognizesAtsExportNames) {
  struct Case {
    const char* header;
    const char* contract;
  };
  // Column names as Greenhouse, Lever, Workday, SmartRecruiters, BambooHR and iCIMS export them.
  const Case cases[] = {
      {"Full Name", "full_name"},         {"Candidate Name", "full_name"},
      {"Email Address", "email"},         {"E-mail", "email"},
      {"Phone Number", "phone"},          {"Mobile Phone", "phone"},
      {"Zip", "postal_code"},             {"Postal Code", "postal_code"},
      {"State", "region"},                {"Province", "region"},
      {"Country", "country"},             {"City", "city"},
      {"Address Line 1", "street"},       {"LinkedIn Profile", "linkedin"},
      {"GitHub URL", "github"},           {"Resume", "resume_text"},
      {"Date of Birth", "date_of_birth"}, {"Applied At", "submitted_at"},
      {"Date Applied", "submitted_at"},   {"Current Stage", "stage"},
      {"Source", "source"},               {"Referrer Name", "referred_by"},
      {"Job Title", ""},                  {"Recruiter Email", ""},
      {"Hiring Manager", ""},             {"Notes", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.header);
    // national_id identifies a person, so columns that map to nothing are no error here.
    auto mapping = MapApplicationHeader({"Candidate ID", c.header, "national_id"}, {}, "export.csv");
    ASSERT_TRUE(mapping.has_value()) << mapping.error().ToString();
    EXPECT_EQ(ContractName(*mapping, 0), "application_id");
    EXPECT_EQ(ContractName(*mapping, 1), c.contract);
  }
}

TEST(HeaderMapping, ContractNamesWinAndApplicationIdBeatsCandidateId) {
  auto mapping = MapApplicationHeader({"Candidate ID", "Application ID", "email", "Email Address", "company_id"},
                                      {}, "export.csv");
  ASSERT_TRUE(mapping.has_value()) << mapping.error().ToString();
  EXPECT_EQ(ContractName(*mapping, 0), "");
  EXPECT_EQ(ContractName(*mapping, 1), "application_id");
  EXPECT_EQ(ContractName(*mapping, 2), "email");
  EXPECT_EQ(ContractName(*mapping, 3), "");
  EXPECT_EQ(mapping->ignored, (std::vector<std::string>{"Candidate ID", "Email Address"}));
  EXPECT_TRUE(mapping->company_default.empty());
}

TEST(HeaderMapping, UserMapNamesTheRest) {
  auto mapping = MapApplicationHeader({"Ref", "Kontakt", "Tel"}, {{"ref", "application_id"}, {"Kontakt", "email"}},
                                      "bewerber.csv");
  ASSERT_TRUE(mapping.has_value()) << mapping.error().ToString();
  EXPECT_EQ(ContractName(*mapping, 0), "application_id");
  EXPECT_EQ(ContractName(*mapping, 1), "email");
  EXPECT_EQ(ContractName(*mapping, 2), "phone");
  EXPECT_EQ(mapping->company_default, "bewerber");
  EXPECT_NE(mapping->Describe("bewerber.csv").find("Kontakt -> email"), std::string::npos);
}

TEST(HeaderMapping, NoIdentifyingColumnIsAnError) {
  auto mapping = MapApplicationHeader({"application_id", "company_id", "Kandidat", "Telefonnummer"}, {}, "x.csv");
  ASSERT_FALSE(mapping.has_value());
  EXPECT_EQ(mapping.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(mapping.error().message().find("Kandidat, Telefonnummer"), std::string::npos);
  EXPECT_NE(mapping.error().message().find("--columns"), std::string::npos);
}

TEST(HeaderMapping, FirstAndLastNameAreJoinedByTheReader) {
  internal::TestDir dir;
  const auto path = dir.Write("greenhouse.csv",
                              "Candidate ID,First Name,Last Name,Email Address,Phone Number,Zip\n"
                              "17,Jane,Doe,jane@example.com,+1 415 555 0100,94107\n");
  IssueLog issues;
  auto apps = ReadApplications(path, ReadOptions{}, issues);
  ASSERT_TRUE(apps.has_value()) << apps.error().ToString();
  ASSERT_EQ(apps->size(), 1u);
  EXPECT_EQ((*apps)[0].application_id, "17");
  EXPECT_EQ((*apps)[0].company_id, "greenhouse");
  EXPECT_EQ((*apps)[0].full_name, "Jane Doe");
  EXPECT_EQ((*apps)[0].email, "jane@example.com");
  EXPECT_EQ((*apps)[0].postal_code, "94107");
}

TEST(HeaderMapping, ReadColumnMapRejectsUnknownTargets) {
  internal::TestDir dir;
  auto good = ReadColumnMap(dir.Write("good.csv", "source_column,contract_column\nKontakt,email\n"));
  ASSERT_TRUE(good.has_value()) << good.error().ToString();
  EXPECT_EQ(good->size(), 1u);
  auto bad = ReadColumnMap(dir.Write("bad.csv", "source_column,contract_column\nKontakt,mail\n"));
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("'mail'"), std::string::npos);
}

}  // namespace
}  // namespace crosscheck::ingest
