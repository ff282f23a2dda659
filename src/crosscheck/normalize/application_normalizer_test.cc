#include "crosscheck/normalize/application_normalizer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

namespace crosscheck::normalize {
namespace {

ApplicationRecord FullRecord() {
  ApplicationRecord record;
  record.line = 17;
  record.application_id = " acme-000123 ";
  record.company_id = "acme";
  record.submitted_at = "2025-03-01T09:30:00+09:00";
  record.stage = "Hired";
  record.full_name = "Kim, Min-jun";
  record.email = "Min.Jun.Kim+acme@gmail.com";
  record.phone = "010-1234-5678";
  record.phone_line_type = "";
  record.date_of_birth = "1994-05-17";
  record.street = "1200 Elm Street Apt 4B";
  record.city = "Springfield";
  record.region = "Illinois";
  record.postal_code = "62704-1234";
  record.country = "South Korea";
  record.shipping_address = "1200 ELM ST. #4B, Springfield, IL 62704, USA";
  record.ip_address = " 81.2.69.142 ";
  record.linkedin = "https://www.linkedin.com/in/MinJun-Kim/";
  record.github = "github.com/mjkim-dev";
  record.photo_hash = "8F3A00FF12C4E5D6";
  record.payout_account = "de89 3704-0044 0532 0130 00";
  record.national_id = "123-45-6789";
  record.device_id = " dev-42 ";
  record.idv_status = "Passed";
  record.idv_document_country = "KOR";
  record.interview_flags = "camera_off; Reading Answers;;";
  record.source = "Agency:TalentBridge";
  return record;
}

TEST(ApplicationNormalizer, FillsEveryTextField) {
  IssueLog issues;
  const NormalizedApplication app =
      NormalizeApplication(FullRecord(), 5, NormalizeContext{}, &issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(app.index, 5u);
  EXPECT_EQ(app.application_id, "acme-000123");
  EXPECT_EQ(app.company_id, "acme");
  EXPECT_EQ(app.submitted_at, 1740789000);
  EXPECT_EQ(app.stage, "hired");
  EXPECT_EQ(app.name.family, "kim");
  EXPECT_EQ(app.name.given, "min-jun");
  EXPECT_EQ(app.email, "minjunkim@gmail.com");
  EXPECT_EQ(app.email_domain, "gmail.com");
  EXPECT_EQ(app.email_class, EmailClass::kFreeMail);
  // The row's country is the phone's default region: a Korean mobile, not a US number.
  EXPECT_EQ(app.phone_e164, "+821012345678");
  EXPECT_EQ(app.phone_country, "KR");
  EXPECT_EQ(app.line_type, LineType::kMobile);
  EXPECT_EQ(app.date_of_birth, (CivilDate{1994, 5, 17}));
  EXPECT_EQ(app.street, "1200 elm st unit 4b");
  EXPECT_EQ(app.city, "springfield");
  EXPECT_EQ(app.region, "IL");
  EXPECT_EQ(app.postal_code, "627041234");  // ZIP+4 is cut only for the US
  EXPECT_EQ(app.country, "KR");
  EXPECT_EQ(app.address_key, "1200 elm st unit 4b|627041234|KR");
  EXPECT_EQ(app.shipping_address_key, "1200 elm st unit 4b|62704|US");
  EXPECT_EQ(app.ip_address, "81.2.69.142");
  EXPECT_EQ(app.linkedin, "minjun-kim");
  EXPECT_EQ(app.github, "mjkim-dev");
  EXPECT_EQ(app.photo_hash, 0x8F3A00FF12C4E5D6ull);
  EXPECT_EQ(app.payout_account, "DE89370400440532013000");
  EXPECT_EQ(app.national_id, "123456789");
  EXPECT_EQ(app.device_id, "dev-42");
  EXPECT_EQ(app.idv_status, "passed");
  EXPECT_EQ(app.idv_document_country, "KR");
  EXPECT_EQ(app.interview_flags, (std::vector<std::string>{"CAMERA_OFF", "READING_ANSWERS"}));
  EXPECT_EQ(app.source, "agency:talentbridge");
}

TEST(ApplicationNormalizer, ReportsMalformedValues) {
  struct Case {
    const char* field;
    void (*spoil)(ApplicationRecord&);
    const char* code;
  } cases[] = {
      {"email", [](ApplicationRecord& r) { r.email = "min.jun.kim at gmail"; }, "BAD_EMAIL"},
      {"phone", [](ApplicationRecord& r) { r.phone = "call me maybe"; }, "BAD_PHONE"},
      {"phone_line_type", [](ApplicationRecord& r) { r.phone_line_type = "satellite"; },
       "BAD_PHONE_LINE_TYPE"},
      {"photo_hash", [](ApplicationRecord& r) { r.photo_hash = "not-a-hash"; }, "BAD_PHOTO_HASH"},
      {"linkedin", [](ApplicationRecord& r) { r.linkedin = "https://example.com/me"; },
       "BAD_LINKEDIN"},
      {"github", [](ApplicationRecord& r) { r.github = "https://gitlab.com/me"; }, "BAD_GITHUB"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.code);
    ApplicationRecord record = FullRecord();
    c.spoil(record);
    IssueLog issues;
    const NormalizedApplication app =
        NormalizeApplication(record, 0, NormalizeContext{.file = "apps.csv"}, &issues);
    ASSERT_EQ(issues.size(), 1u);
    const Issue& issue = issues.issues()[0];
    EXPECT_EQ(issue.code, c.code);
    EXPECT_EQ(issue.field, c.field);
    EXPECT_EQ(issue.file, "apps.csv");
    EXPECT_EQ(issue.line, 17);
    EXPECT_EQ(issue.severity, IssueSeverity::kFieldIgnored);
    // The row is kept with the other fields intact.
    EXPECT_EQ(app.application_id, "acme-000123");
  }
}

TEST(ApplicationNormalizer, KeepsTheDigitsOfAPhoneItCannotReadForLinkage) {
  // A Chinese mobile written nationally in a row that names no country fails as a US number:
  // reported, and its digits kept for persona linkage (never as a verified number).
  ApplicationRecord record = FullRecord();
  record.country.clear();
  record.phone = "187 4195 3998";
  IssueLog issues;
  NormalizedApplication app = NormalizeApplication(record, 0, NormalizeContext{}, &issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues.issues()[0].code, "BAD_PHONE");
  EXPECT_TRUE(app.phone_e164.empty());
  EXPECT_EQ(app.phone_digits, "18741953998");

  record.phone = "+86 187 4195 3998";
  app = NormalizeApplication(record, 0, NormalizeContext{}, &issues);
  EXPECT_EQ(app.phone_e164, "+8618741953998");
  EXPECT_TRUE(app.phone_digits.empty());
}

TEST(ApplicationNormalizer, EmptyRecordIsAllUnknown) {
  IssueLog issues;
  const NormalizedApplication app =
      NormalizeApplication(ApplicationRecord{}, 0, NormalizeContext{}, &issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_TRUE(app.email.empty());
  EXPECT_TRUE(app.phone_e164.empty());
  EXPECT_EQ(app.line_type, LineType::kUnknown);
  EXPECT_TRUE(app.address_key.empty());
  EXPECT_TRUE(app.shipping_address_key.empty());
  EXPECT_TRUE(app.country.empty());
  EXPECT_FALSE(app.photo_hash);
  EXPECT_TRUE(app.interview_flags.empty());
  EXPECT_FALSE(app.submitted_at);
}

TEST(ApplicationNormalizer, UsesIpEnricherWhenGiven) {
  NormalizeContext context;
  context.ip_enricher = [](std::string_view ip, NormalizedApplication& app) {
    app.ip_address = "enriched:" + std::string(ip);
    app.ip_prefix = "81.2.69.0/24";
  };
  const NormalizedApplication app = NormalizeApplication(FullRecord(), 0, context, nullptr);
  EXPECT_EQ(app.ip_address, "enriched:81.2.69.142");
  EXPECT_EQ(app.ip_prefix, "81.2.69.0/24");
}

TEST(ApplicationNormalizer, ParallelRunMatchesSequential) {
  std::vector<ApplicationRecord> records;
  for (int row = 0; row < 4200; ++row) {  // just over 2 chunks of 2048
    ApplicationRecord record = FullRecord();
    record.line = row + 2;
    record.application_id = "app-" + std::to_string(row);
    if (row % 7 == 0) record.phone = "garbage " + std::to_string(row);
    if (row % 11 == 0) record.email = "bad-" + std::to_string(row);
    records.push_back(std::move(record));
  }
  std::atomic<int> enricher_calls = 0;
  NormalizeContext context;
  context.threads = 3;
  context.ip_enricher = [&enricher_calls](std::string_view ip, NormalizedApplication& app) {
    ++enricher_calls;
    app.ip_address = std::string(ip);
  };
  IssueLog parallel_issues;
  const std::vector<NormalizedApplication> parallel =
      NormalizeApplications(records, context, &parallel_issues);
  context.threads = 1;
  IssueLog sequential_issues;
  const std::vector<NormalizedApplication> sequential =
      NormalizeApplications(records, context, &sequential_issues);

  ASSERT_EQ(parallel.size(), records.size());
  EXPECT_EQ(enricher_calls.load(), 8400);
  for (std::size_t row = 0; row < records.size(); ++row) {
    EXPECT_EQ(parallel[row].index, row);
    EXPECT_EQ(parallel[row].application_id, sequential[row].application_id);
    EXPECT_EQ(parallel[row].phone_e164, sequential[row].phone_e164);
  }
  ASSERT_EQ(parallel_issues.size(), sequential_issues.size());
  for (std::size_t issue_idx = 0; issue_idx < parallel_issues.size(); ++issue_idx) {
    EXPECT_EQ(parallel_issues.issues()[issue_idx].ToString(),
              sequential_issues.issues()[issue_idx].ToString());
  }
  // Lines increase: Issues come out in record order.
  for (std::size_t issue_idx = 1; issue_idx < parallel_issues.size(); ++issue_idx) {
    EXPECT_LE(parallel_issues.issues()[issue_idx - 1].line,
              parallel_issues.issues()[issue_idx].line);
  }
}

// NormalizeApplications remembers the answers for repeated values within a chunk; a
// remembered answer must be exactly what a fresh NormalizeApplication gives. The rows mix
// values drawn from small pools (remembered) with a column that turns unique half-way (its
// table switches itself off), and the same phone under different countries and line types.
TEST(ApplicationNormalizer, RememberedValuesEqualFreshOnes) {
  const char* names[] = {"Kim, Min-jun", "김민준", "José Müller", "Юрий Гагарин", "Bob Smith",
                         "Dr. Jane van der Berg PhD", "王小明", "Łukasz Żółć"};
  const char* countries[] = {"South Korea", "US", "DE", "", "Deutschland", "KOR", "Narnia"};
  const char* phones[] = {"010-1234-5678", "(415) 555-2671", "+49 151 23456789", "12", "n/a"};
  const char* line_types[] = {"", "mobile", "nonFixedVoip", "bogus"};
  const char* streets[] = {"1200 Elm Street Apt 4B", "Königstraße 5", "12 rue de l'Église",
                           "PO Box 7", ""};
  const char* cities[] = {"Springfield", "SÃO PAULO", "München", ""};
  std::vector<ApplicationRecord> records;
  for (std::size_t row_idx = 0; row_idx < 9000; ++row_idx) {
    ApplicationRecord record;
    record.line = static_cast<std::int64_t>(row_idx) + 2;
    record.application_id = "app-" + std::to_string(row_idx);
    record.company_id = "co-" + std::to_string(row_idx % 7);
    record.full_name = names[row_idx % std::size(names)];
    record.country = countries[(row_idx / 3) % std::size(countries)];
    record.phone = row_idx % 2 == 0 ? std::string(phones[row_idx % std::size(phones)])
                                    : "+1 212 555 " + std::to_string(1000 + row_idx % 9000);
    record.phone_line_type = line_types[(row_idx / 5) % std::size(line_types)];
    record.email = "user" + std::to_string(row_idx) + "@Example.com";
    record.linkedin = "linkedin.com/in/user-" + std::to_string(row_idx);
    record.street = streets[(row_idx / 2) % std::size(streets)];
    record.city = cities[row_idx % std::size(cities)];
    record.region = row_idx < 4500 ? (row_idx % 3 == 0 ? "Illinois" : "Bayern")
                                   : "Region " + std::to_string(row_idx);
    record.postal_code = "62704-1234";
    record.github = row_idx % 4 == 0 ? "github.com/mjkim-dev" : "";
    record.idv_document_country = countries[row_idx % std::size(countries)];
    records.push_back(std::move(record));
  }
  NormalizeContext context;
  context.threads = 1;
  IssueLog batch_issues;
  const std::vector<NormalizedApplication> batch =
      NormalizeApplications(records, context, &batch_issues);
  IssueLog single_issues;
  ASSERT_EQ(batch.size(), records.size());
  for (std::size_t row_idx = 0; row_idx < records.size(); ++row_idx) {
    SCOPED_TRACE(row_idx);
    const NormalizedApplication fresh =
        NormalizeApplication(records[row_idx], row_idx, context, &single_issues);
    const NormalizedApplication& got = batch[row_idx];
    ASSERT_EQ(got.name.full, fresh.name.full);
    ASSERT_EQ(got.name.given, fresh.name.given);
    ASSERT_EQ(got.name.middle, fresh.name.middle);
    ASSERT_EQ(got.name.family, fresh.name.family);
    ASSERT_EQ(got.name.tokens, fresh.name.tokens);
    ASSERT_EQ(got.name.transliterated, fresh.name.transliterated);
    ASSERT_EQ(got.email, fresh.email);
    ASSERT_EQ(got.email_domain, fresh.email_domain);
    ASSERT_EQ(got.email_class, fresh.email_class);
    ASSERT_EQ(got.phone_e164, fresh.phone_e164);
    ASSERT_EQ(got.phone_country, fresh.phone_country);
    ASSERT_EQ(got.line_type, fresh.line_type);
    ASSERT_EQ(got.country, fresh.country);
    ASSERT_EQ(got.street, fresh.street);
    ASSERT_EQ(got.city, fresh.city);
    ASSERT_EQ(got.region, fresh.region);
    ASSERT_EQ(got.postal_code, fresh.postal_code);
    ASSERT_EQ(got.address_key, fresh.address_key);
    ASSERT_EQ(got.linkedin, fresh.linkedin);
    ASSERT_EQ(got.github, fresh.github);
    ASSERT_EQ(got.idv_document_country, fresh.idv_document_country);
  }
  ASSERT_EQ(batch_issues.size(), single_issues.size());
  for (std::size_t issue_idx = 0; issue_idx < batch_issues.size(); ++issue_idx) {
    EXPECT_EQ(batch_issues.issues()[issue_idx].ToString(),
              single_issues.issues()[issue_idx].ToString());
  }
}

}  // namespace
}  // namespace crosscheck::normalize
