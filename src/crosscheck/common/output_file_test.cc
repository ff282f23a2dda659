#include "crosscheck/common/output_file.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "crosscheck/common/csv_writer.h"
#include "crosscheck/common/testing/test_dir.h"

namespace crosscheck {
namespace {

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t FilesIn(const std::filesystem::path& dir) {
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++count;
  return count;
}

TEST(OutputFile, AppearsOnlyWhenCommitted) {
  const auto dir = test::FreshTestDir("output_commit");
  auto out = OutputFile::Create(dir / "risk.csv");
  ASSERT_TRUE(out) << out.error().ToString();
  out->Write("a,b\n");
  EXPECT_FALSE(std::filesystem::exists(dir / "risk.csv"));  // only the hidden temporary so far
  ASSERT_TRUE(out->Commit());
  EXPECT_EQ(Slurp(dir / "risk.csv"), "a,b\n");
  EXPECT_EQ(FilesIn(dir), 1u);
}

TEST(OutputFile, AnUncommittedFileLeavesTheOldOneAndNoTemporary) {
  const auto dir = test::FreshTestDir("output_abandon");
  ASSERT_TRUE(WriteFileAtomically(dir / "report.json", "old"));
  {
    auto out = OutputFile::Create(dir / "report.json");
    ASSERT_TRUE(out);
    out->Write("new, but the run failed before it was whole");
  }
  EXPECT_EQ(Slurp(dir / "report.json"), "old");
  EXPECT_EQ(FilesIn(dir), 1u);
}

TEST(OutputFile, AFailedWriteIsAnIoErrorWithTheOsReasonAndTouchesNothing) {
  const auto dir = test::FreshTestDir("output_full");
  ASSERT_TRUE(WriteFileAtomically(dir / "risk.csv", "old"));
  // A file-size limit fails writes as a full disk does (EFBIG instead of ENOSPC).
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  auto* previous = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = saved;
  small.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  Status committed = Ok();
  {
    auto writer = CsvWriter::Open(dir / "risk.csv");
    ASSERT_TRUE(writer);
    for (int row = 0; row < 1000; ++row) writer->WriteRow({"application", std::to_string(row), "high"});
    committed = writer->Close();
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous);
  ASSERT_FALSE(committed);
  EXPECT_EQ(committed.error().code(), ErrorCode::kIoError);
  EXPECT_EQ(ExitCodeFor(committed.error().code()), 1);
  EXPECT_NE(committed.error().message().find("File too large"), std::string::npos) << committed.error().message();
  EXPECT_EQ(Slurp(dir / "risk.csv"), "old");
  EXPECT_EQ(FilesIn(dir), 1u);
}

TEST(OutputFile, AnUncreatableFileNamesThePathAndTheReason) {
  const auto dir = test::FreshTestDir("output_missing");
  auto out = OutputFile::Create(dir / "no_such_folder" / "risk.csv");
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code(), ErrorCode::kIoError);
  EXPECT_NE(out.error().message().find("no_such_folder/risk.csv"), std::string::npos);
  EXPECT_NE(out.error().message().find("No such file or directory"), std::string::npos);
}

TEST(OutputFile, RemoveOutputsTakesResultsAndLeftoverTemporariesOnly) {
  const auto dir = test::FreshTestDir("output_remove");
  ASSERT_TRUE(WriteFileAtomically(dir / "risk.csv", "stale"));
  ASSERT_TRUE(WriteFileAtomically(dir / "notes.txt", "the user's own file"));
  std::ofstream(dir / (TemporaryPrefix("report.json") + "4242.0")) << "left by kill -9";
  const std::vector<std::string> removed = RemoveOutputs(dir, {"risk.csv", "report.json", "report.html"});
  EXPECT_EQ(removed, std::vector<std::string>{"risk.csv"});
  EXPECT_EQ(FilesIn(dir), 1u);
  EXPECT_TRUE(std::filesystem::exists(dir / "notes.txt"));
}

}  // namespace
}  // namespace crosscheck
