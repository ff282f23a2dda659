#include "crosscheck/common/testing/test_dir.h"
#include "crosscheck/store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace crosscheck::store {
namespace {

std::filesystem::path FreshDir(const std::string& name) { return test::FreshTestDir("store_" + name); }

SubmissionRow Row(const std::string& company, const std::string& bytes) {
  return {company, "2026-12", "00112233aabbccdd", bytes, 0, "2026-12-01T00:00:00Z"};
}

TEST(SqliteStore, UpgradesAStoreMadeBeforeFindingsKeptTheirSubmissionVersion) {
  const auto dir = FreshDir("upgrade");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir / "hub.sqlite").c_str(), &db), SQLITE_OK);
    const char* old_schema =
        "CREATE TABLE findings (company_id TEXT NOT NULL CHECK (company_id <> ''), version INTEGER NOT NULL, "
        "json TEXT NOT NULL, PRIMARY KEY (company_id));"
        "INSERT INTO findings VALUES ('acme', 4, '{\"old\":1}');";
    EXPECT_EQ(sqlite3_exec(db, old_schema, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  auto store = SqliteStore::Open(dir / "hub.sqlite");
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  auto old = (*store)->Findings("acme");
  ASSERT_TRUE(old.has_value() && old->has_value()) << (old ? "none" : old.error().ToString());
  EXPECT_EQ((*old)->version, 4);
  EXPECT_EQ((*old)->submission_version, 0);
  ASSERT_TRUE((*store)->PutFindings({{"acme", 0, "{\"new\":1}", 7}}).has_value());
  auto upgraded = (*store)->Findings("acme");
  ASSERT_TRUE(upgraded.has_value() && upgraded->has_value());
  EXPECT_EQ((*upgraded)->version, 5);
  EXPECT_EQ((*upgraded)->submission_version, 7);
}

TEST(SqliteStore, BinaryBytesAndAuditSurviveReopening) {
  const auto dir = FreshDir("reopen");
  const std::string bytes("\x00\xff\x01zz", 5);
  {
    auto store = SqliteStore::Open(dir / "hub.sqlite");
    ASSERT_TRUE(store.has_value());
    ASSERT_TRUE((*store)->PutSubmission(Row("acme", bytes)).has_value());
    ASSERT_TRUE((*store)->AppendAudit({0, "2026-12-01T00:00:00Z", "acme", "push", "ok version 1"}).has_value());
    ASSERT_TRUE((*store)->AppendAudit({0, "2026-12-01T00:00:01Z", "", "pull", "refused 401"}).has_value());
  }
  auto store = SqliteStore::Open(dir / "hub.sqlite");
  ASSERT_TRUE(store.has_value());
  auto rows = (*store)->Submissions();
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].bytes, bytes);
  auto audit = (*store)->Audit();
  ASSERT_TRUE(audit.has_value());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].action, "push");
  EXPECT_EQ((*audit)[1].detail, "refused 401");
  EXPECT_LT((*audit)[0].id, (*audit)[1].id);
}

TEST(SqliteStore, RefusesAFileThatIsNotADatabase) {
  const auto dir = FreshDir("garbage");
  std::ofstream(dir / "hub.sqlite") << "this is not a SQLite database, just some text that is long enough"
                                    << std::string(200, 'x');
  auto store = SqliteStore::Open(dir / "hub.sqlite");
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code(), ErrorCode::kInvalidInput);
}

TEST(SqliteStore, MissingDirectoryIsInvalidInput) {
  auto store = SqliteStore::Open(FreshDir("missing") / "no" / "such" / "hub.sqlite");
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code(), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace crosscheck::store
