// The CompanyStore contract (store/company_store.h), run against every implementation.
#include "crosscheck/store/company_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "crosscheck/store/internal/test_store_contract.h"

namespace crosscheck::store {
namespace {

ApplicationRecord Application(const std::string& id, const std::string& name) {
  ApplicationRecord record;
  record.application_id = id;
  record.company_id = "acme";
  record.full_name = name;
  record.submitted_at = "2026-03-01T09:30:00Z";
  record.date_of_birth = "1990-02-28";
  return record;
}

AuditRow Audit(const std::string& action) { return {0, "2026-12-06T17:00:00Z", "ingest-bot", action, "ok"}; }

// CompanyStoreContract runs on every kind of store (internal/test_store_contract.h).
class CompanyStoreContract : public internal::StoreContractTest {
 protected:
  void SetUp() override { SetUpLocation("c"); }

  std::unique_ptr<CompanyStore> Open() {
    auto store = OpenCompanyStore(location_);
    EXPECT_TRUE(store.has_value()) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }
};

TEST_P(CompanyStoreContract, RepostReplacesInPlaceAndSaysSo) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto first = store->PutApplications({Application("a1", "Ann"), Application("a2", "Bob")}, "t1", Audit("post"));
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(*first, (std::vector<bool>{false, false}));
  auto second = store->PutApplications({Application("a3", "Cy"), Application("a1", "Ann B")}, "t2", Audit("post"));
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_EQ(*second, (std::vector<bool>{false, true}));
  auto all = store->Applications();
  ASSERT_TRUE(all.has_value()) << all.error().ToString();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].application_id, "a1");  // first stored first, replaced in place
  EXPECT_EQ((*all)[0].full_name, "Ann B");
  EXPECT_EQ((*all)[1].application_id, "a2");
  EXPECT_EQ((*all)[2].application_id, "a3");
  EXPECT_EQ(store->CountApplications().value_or(-1), 3);
}

TEST_P(CompanyStoreContract, FieldsExtraColumnsAndParsedValuesRoundTrip) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ApplicationRecord record = Application("a1", "Zoë \"Z\", Ng");
  record.resume_text = "line one\nline two,\r\n\"quoted\"";
  record.extra = {{"favourite:colour", "12:34"}, {"", std::string("nul\0byte", 8)}, {"x", ""}};
  ASSERT_TRUE(store->PutApplications({record}, "t1", Audit("post")).has_value());
  auto all = store->Applications();
  ASSERT_TRUE(all.has_value()) << all.error().ToString();
  ASSERT_EQ(all->size(), 1u);
  const ApplicationRecord& back = (*all)[0];
  EXPECT_EQ(back.full_name, record.full_name);
  EXPECT_EQ(back.resume_text, record.resume_text);
  EXPECT_EQ(back.extra, record.extra);
  ASSERT_TRUE(back.submitted_at_unix.has_value());
  EXPECT_EQ(*back.submitted_at_unix, 1772357400);
  ASSERT_TRUE(back.date_of_birth_parsed.has_value());
  EXPECT_TRUE(back.email.empty());
}

TEST_P(CompanyStoreContract, FailedPutLeavesNothing) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  // The second record breaks the schema (no id): the whole post and its audit row roll back.
  auto failed = store->PutApplications({Application("a1", "Ann"), Application("", "Nobody")}, "t1", Audit("post"));
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code(), ErrorCode::kInternal) << failed.error().ToString();
  EXPECT_EQ(store->CountApplications().value_or(-1), 0);
  EXPECT_TRUE(store->Audit(0, 100).value().empty());
  ASSERT_TRUE(store->PutApplications({Application("a1", "Ann")}, "t2", Audit("post")).has_value());
  EXPECT_EQ(store->CountApplications().value_or(-1), 1);
}

TEST_P(CompanyStoreContract, DecisionsAreKeptWithWhoAndWhen) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto first = store->PutDecision({0, "a1", "confirmed_fraud", "same payout as ring 7", "rita", ""},
                                  {0, "2026-12-06T17:01:00Z", "rita", "decision", "a1 confirmed_fraud"});
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  auto second = store->PutDecision({0, "a2", "cleared", "", "rita", "", {"a4", "a5"}},
                                   {0, "2026-12-06T17:02:00Z", "rita", "decision", ""});
  ASSERT_TRUE(second.has_value());
  EXPECT_LT(*first, *second);
  auto bad = store->PutDecision({0, "a3", "maybe", "", "rita", ""}, {0, "2026-12-06T17:03:00Z", "rita", "decision", ""});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInternal);
  auto a1 = store->Decisions("a1");
  ASSERT_TRUE(a1.has_value());
  ASSERT_EQ(a1->size(), 1u);
  EXPECT_EQ((*a1)[0].decision, "confirmed_fraud");
  EXPECT_EQ((*a1)[0].note, "same payout as ring 7");
  EXPECT_EQ((*a1)[0].who, "rita");
  EXPECT_EQ((*a1)[0].at, "2026-12-06T17:01:00Z");
  EXPECT_TRUE((*a1)[0].cleared_with.empty());
  const std::vector<DecisionRow> all = store->Decisions("").value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].cleared_with, (std::vector<std::string>{"a4", "a5"}));
  EXPECT_EQ(store->Decisions("a2").value().at(0).cleared_with, (std::vector<std::string>{"a4", "a5"}));
  EXPECT_EQ(store->Audit(0, 100).value().size(), 2u);  // the refused decision left no audit row
}

TEST_P(CompanyStoreContract, EmployeesAreKeyedByLoginIgnoringCaseAndSigninsKeepTheirOrder) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->PutEmployees({{0, "Dan@Acme.example", "acme-1", "acme"}, {0, "kim@acme.example", "acme-2", "acme"}},
                                  Audit("employees"))
                  .has_value());
  ASSERT_TRUE(store->PutEmployees({{0, "dan@acme.example", "acme-9", "acme"}}, Audit("employees")).has_value());
  const std::vector<EmployeeRecord> employees = store->Employees().value();
  ASSERT_EQ(employees.size(), 2u);
  EXPECT_EQ(employees[0].login, "dan@acme.example");  // replaced, not added
  EXPECT_EQ(employees[0].application_id, "acme-9");
  EXPECT_EQ(employees[1].application_id, "acme-2");
  const std::vector<std::string> events = {R"({"uuid":"e1"})", R"({"uuid":"e2","note":"it's \"quoted\""})"};
  ASSERT_TRUE(store->PutSignins(events, "t1", Audit("signins")).has_value());
  ASSERT_TRUE(store->PutSignins({R"({"uuid":"e3"})"}, "t2", Audit("signins")).has_value());
  const std::vector<std::string> stored = store->Signins().value();
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[0], events[0]);
  EXPECT_EQ(stored[1], events[1]);
  EXPECT_EQ(stored[2], R"({"uuid":"e3"})");
  EXPECT_EQ(store->Audit(0, 100).value().size(), 4u);
}

TEST_P(CompanyStoreContract, IndicatorPushesKeepTheirOrderAndStatusIdsAreUnique) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  const IndicatorPushRow first{0, "s-1", R"([{"type":"indicator","id":"indicator--1"}])", R"({"id":"s-1"})", "misp", "t1"};
  ASSERT_TRUE(store->PutIndicatorPush(first, Audit("push")).has_value());
  ASSERT_TRUE(store->PutIndicatorPush({0, "s-2", "[]", R"({"id":"s-2"})", "opencti", "t2"}, Audit("push")).has_value());
  EXPECT_FALSE(store->PutIndicatorPush({0, "s-1", "[]", "{}", "misp", "t3"}, Audit("push")).has_value());
  const std::vector<IndicatorPushRow> pushes = store->IndicatorPushes().value();
  ASSERT_EQ(pushes.size(), 2u);
  EXPECT_LT(pushes[0].id, pushes[1].id);
  EXPECT_EQ(pushes[0].status_id, "s-1");
  EXPECT_EQ(pushes[0].objects, first.objects);
  EXPECT_EQ(pushes[0].status, first.status);
  EXPECT_EQ(pushes[0].who, "misp");
  EXPECT_EQ(pushes[1].at, "t2");
  EXPECT_EQ(store->Audit(0, 100).value().size(), 2u);  // the refused push left no audit row
}

TEST_P(CompanyStoreContract, AuditPagesAndSurvivesReopening) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    for (int idx = 0; idx < 5; ++idx) {
      ASSERT_TRUE(store->AppendAudit({0, "t", "admin", "read", std::to_string(idx)}).has_value());
    }
    ASSERT_TRUE(store->PutApplications({Application("a1", "Ann")}, "t1", Audit("post")).has_value());
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto page = store->Audit(0, 2);
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[1].detail, "1");
  auto rest = store->Audit((*page)[1].id, 100);
  ASSERT_TRUE(rest.has_value());
  ASSERT_EQ(rest->size(), 4u);
  EXPECT_EQ((*rest)[3].action, "post");
  EXPECT_EQ(store->Applications().value().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Stores, CompanyStoreContract, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace crosscheck::store
