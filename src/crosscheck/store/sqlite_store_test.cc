#include "crosscheck/store/sqlite_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace crosscheck::store {
namespace {

std::filesystem::path FreshDir(const std::string& name) {
  const auto dir = std::filesystem::path(::testing::TempDir()) /
                   ("crosscheck_store_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

SubmissionRow Row(const std::string& company, const std::string& bytes) {
  return {company, "2026-12", "00112233aabbccdd", bytes, 0, "2026-12-01T00:00:00Z"};
}

TEST(SqliteStore, PushReplacesAndCountsVersions) {
  const auto dir = FreshDir("versions");
  auto store = SqliteStore::Open(dir / "hub.sqlite");
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  auto first = (*store)->CommitPush(Row("acme", std::string("a\0b", 3)), {{"acme", 0, "{\"n\":1}"}});
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(*first, 1);
  auto second = (*store)->CommitPush(Row("acme", "second"), {{"acme", 0, "{\"n\":2}"}, {"birch", 0, "{}"}});
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(*second, 2);
  auto rows = (*store)->Submissions();
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].bytes, "second");
  EXPECT_EQ((*rows)[0].version, 2);
  auto findings = (*store)->Findings("acme");
  ASSERT_TRUE(findings.has_value() && findings->has_value());
  EXPECT_EQ((*findings)->version, 2);
  EXPECT_EQ((*findings)->json, "{\"n\":2}");
  auto none = (*store)->Findings("cobalt");
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
}

TEST(SqliteStore, BinaryBytesAndAuditSurviveReopening) {
  const auto dir = FreshDir("reopen");
  const std::string bytes("\x00\xff\x01zz", 5);
  {
    auto store = SqliteStore::Open(dir / "hub.sqlite");
    ASSERT_TRUE(store.has_value());
    ASSERT_TRUE((*store)->CommitPush(Row("acme", bytes), {{"acme", 0, "[]"}}).has_value());
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
