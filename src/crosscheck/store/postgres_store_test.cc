// The HubStore contract, run against both stores: SQLite in a temp dir and PostgreSQL in a
// server this test starts itself (internal/test_postgres_server.h).
#include "crosscheck/store/postgres_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <memory>
#include <string>

#include "crosscheck/store/hub_store.h"
#include "crosscheck/store/internal/test_postgres_server.h"
#include "crosscheck/store/internal/test_store_contract.h"

namespace crosscheck::store {
namespace {

SubmissionRow Row(const std::string& company, const std::string& bytes) {
  return {company, "2026-12", "00112233aabbccdd", bytes, 0, "2026-12-01T00:00:00Z"};
}

// HubStoreContract runs on every kind of store (internal/test_store_contract.h).
class HubStoreContract : public internal::StoreContractTest {
 protected:
  void SetUp() override { SetUpLocation("hubstore"); }

  std::unique_ptr<HubStore> Open() {
    auto store = OpenHubStore(location_);
    EXPECT_TRUE(store.has_value()) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }
};

TEST_P(HubStoreContract, SubmissionsGetNextVersionsAndFindingsVersionsMoveOnlyOnChange) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto first = store->PutSubmission(Row("acme", std::string("a\0b", 3)));
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(*first, 1);
  auto second = store->PutSubmission(Row("acme", "second"));
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_EQ(*second, 2);
  auto third = store->PutSubmission(Row("birch", "b"));
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(*third, 1);
  auto rows = store->Submissions();
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].company_id, "acme");
  EXPECT_EQ((*rows)[0].bytes, "second");
  EXPECT_EQ((*rows)[0].version, 2);
  EXPECT_EQ((*rows)[1].company_id, "birch");

  ASSERT_TRUE(store->PutFindings({{"acme", 0, "{\"n\":1}", 1}}).has_value());
  ASSERT_TRUE(store->PutFindings({{"acme", 0, "{\"n\":2}", 2}, {"birch", 0, "{}", 1}}).has_value());
  // The same JSON again (a re-match that changed nothing for birch): its version stays.
  auto put = store->PutFindings({{"acme", 0, "{\"n\":3}", 2}, {"birch", 0, "{}", 1}});
  ASSERT_TRUE(put.has_value()) << put.error().ToString();
  auto findings = store->Findings("acme");
  ASSERT_TRUE(findings.has_value() && findings->has_value());
  EXPECT_EQ((*findings)->version, 3);
  EXPECT_EQ((*findings)->json, "{\"n\":3}");
  EXPECT_EQ((*findings)->submission_version, 2);
  auto birch = store->Findings("birch");
  ASSERT_TRUE(birch.has_value() && birch->has_value());
  EXPECT_EQ((*birch)->version, 1);
  EXPECT_EQ((*birch)->submission_version, 1);
  auto none = store->Findings("cobalt");
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
}

TEST_P(HubStoreContract, FailedFindingsWriteLeavesEveryMembersFindingsAsTheyWere) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->PutSubmission(Row("acme", "old")).has_value());
  ASSERT_TRUE(store->PutFindings({{"acme", 0, "old", 1}, {"birch", 0, "old", 1}}).has_value());
  // The first findings row is written, then a row without a company breaks the schema: the
  // whole write must roll back.
  auto failed = store->PutFindings({{"acme", 0, "new", 2}, {"", 0, "bad", 1}, {"birch", 0, "new", 2}});
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code(), ErrorCode::kInternal) << failed.error().ToString();
  for (const char* company : {"acme", "birch"}) {
    SCOPED_TRACE(company);
    auto findings = store->Findings(company);
    ASSERT_TRUE(findings.has_value() && findings->has_value());
    EXPECT_EQ((*findings)->json, "old");
    EXPECT_EQ((*findings)->version, 1);
    EXPECT_EQ((*findings)->submission_version, 1);
  }
  EXPECT_FALSE(store->Findings("").value().has_value());
  auto refused = store->PutSubmission(Row("", "x"));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kInternal);
  // The store is still usable and the versions go on from the stored state.
  auto next = store->PutSubmission(Row("acme", "new"));
  ASSERT_TRUE(next.has_value()) << next.error().ToString();
  EXPECT_EQ(*next, 2);
  ASSERT_TRUE(store->PutFindings({{"acme", 0, "new", 2}}).has_value());
  EXPECT_EQ(store->Findings("acme").value()->version, 2);
}

TEST_P(HubStoreContract, DataAndAuditSurviveReopening) {
  const std::string bytes("\x00\xff\x01zz\\x", 7);
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->PutSubmission(Row("acme", bytes)).has_value());
    ASSERT_TRUE(store->PutFindings({{"acme", 0, "[]", 1}}).has_value());
    ASSERT_TRUE(store->AppendAudit({0, "2026-12-01T00:00:00Z", "acme", "push", "ok version 1"}).has_value());
    ASSERT_TRUE(store->AppendAudit({0, "2026-12-01T00:00:01Z", "", "pull", "refused 401"}).has_value());
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto rows = store->Submissions();
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].bytes, bytes);
  EXPECT_EQ((*rows)[0].received_at, "2026-12-01T00:00:00Z");
  ASSERT_TRUE(store->AppendAudit({0, "2026-12-01T00:00:02Z", "birch", "push", "refused 403"}).has_value());
  auto audit = store->Audit();
  ASSERT_TRUE(audit.has_value());
  ASSERT_EQ(audit->size(), 3u);
  EXPECT_EQ((*audit)[0].action, "push");
  EXPECT_EQ((*audit)[0].who, "acme");
  EXPECT_EQ((*audit)[1].who, "");
  EXPECT_EQ((*audit)[1].detail, "refused 401");
  EXPECT_EQ((*audit)[2].detail, "refused 403");
  EXPECT_LT((*audit)[0].id, (*audit)[1].id);
  EXPECT_LT((*audit)[1].id, (*audit)[2].id);
}

INSTANTIATE_TEST_SUITE_P(Stores, HubStoreContract, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(PostgresStore, UnreachableServerIsUnavailableWithoutThePassword) {
  const std::string dir = (std::filesystem::path(::testing::TempDir()) / "crosscheck_no_such_pg").string();
  auto store = OpenHubStore("postgresql://hub:s3cret-pw@/hub?host=" + dir + "&port=1");
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(store.error().message().find("s3cret-pw"), std::string::npos) << store.error().message();
  EXPECT_NE(store.error().message().find("postgresql://hub:***@/hub"), std::string::npos) << store.error().message();
}

TEST(PostgresStore, LostServerIsUnavailable) {
  auto server = internal::TestPostgresServer::Start();
  if (server == nullptr) GTEST_SKIP() << "PostgreSQL: " << internal::TestPostgresServer::SkipReason();
  auto store = OpenHubStore(server->Url("postgres"));
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  ASSERT_TRUE((*store)->PutSubmission(Row("acme", "a")).has_value());
  server->Stop();
  auto push = (*store)->PutSubmission(Row("acme", "b"));
  ASSERT_FALSE(push.has_value());
  EXPECT_EQ(push.error().code(), ErrorCode::kUnavailable) << push.error().ToString();
  auto pull = (*store)->Findings("acme");
  ASSERT_FALSE(pull.has_value());
  EXPECT_EQ(pull.error().code(), ErrorCode::kUnavailable) << pull.error().ToString();
}

TEST(PostgresStore, MalformedUrlIsInvalidInput) {
  auto store = OpenHubStore("postgresql://hub@/hub?nosuchoption=1");
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code(), ErrorCode::kInvalidInput) << store.error().ToString();
}

TEST(HubStore, DescribesWithoutPasswords) {
  struct Case {
    std::string location, shown;
  };
  const Case cases[] = {
      {"/var/lib/hub", "/var/lib/hub/hub.sqlite"},
      {"postgresql://hub:pw@db:5432/hub", "postgresql://hub:***@db:5432/hub"},
      {"postgres://hub@db/hub?password=pw&sslmode=require", "postgres://hub@db/hub?password=***&sslmode=require"},
      {"postgresql://db/hub?sslmode=require", "postgresql://db/hub?sslmode=require"},
  };
  for (const Case& entry : cases) {
    SCOPED_TRACE(entry.location);
    EXPECT_EQ(DescribeHubStore(entry.location), entry.shown);
    EXPECT_EQ(IsPostgresUrl(entry.location), entry.location.starts_with("postgres"));
  }
}

}  // namespace
}  // namespace crosscheck::store
