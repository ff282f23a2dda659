#include "crosscheck/monitor/signin_stream.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "crosscheck/common/time.h"

namespace crosscheck::monitor {
namespace {

// ScriptedSource replays a script of polls: a line, or kIdle (nothing yet), then kEnd.
class ScriptedSource : public LineSource {
 public:
  explicit ScriptedSource(std::deque<std::optional<std::string>> script) : script_(std::move(script)) {}
  Result<LinePoll> Next(std::string* line) override {
    if (script_.empty()) return LinePoll::kEnd;
    std::optional<std::string> next = std::move(script_.front());
    script_.pop_front();
    if (!next) return LinePoll::kIdle;
    *line = std::move(*next);
    return LinePoll::kLine;
  }

 private:
  std::deque<std::optional<std::string>> script_;
};

// A toy parser: "login,ip,proxy,unix" per line; blank = no event.
bool ParseToy(std::string_view line, std::int64_t line_number, SigninEvent& out) {
  if (line.empty()) return false;
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t comma; (comma = line.find(',', start)) != std::string_view::npos; start = comma + 1) {
    parts.emplace_back(line.substr(start, comma - start));
  }
  parts.emplace_back(line.substr(start));
  SigninEvent event;
  event.line = line_number;
  event.uuid = "u" + std::to_string(line_number);
  event.actor_login = parts.at(0);
  event.ip_address = parts.at(1);
  event.is_proxy = parts.at(2) == "true";
  event.published_unix = std::stoll(parts.at(3));
  out = std::move(event);
  return true;
}

TEST(RunSigninStream, EmitsEachAlertBeforeTheNextIdle) {
  // The alert for line 2 must reach the sink before the loop goes idle after it: that is what
  // "within a second" means for a loop that sleeps only when idle.
  ScriptedSource source({std::string("a@x.com,81.2.69.1,false,100"), std::nullopt,
                         std::string("a@x.com,81.2.69.2,true,200"), std::nullopt, std::string(""),
                         std::string("b@x.com,81.2.69.3,true,300")});
  SessionAnalyzer analyzer(MonitorOptions{}, {}, nullptr);
  std::vector<std::string> log;
  auto sink = [&](const SigninAlert& alert) { log.push_back(alert.code + ":" + alert.event_uuids.at(0)); };
  auto idle = [&]() {
    log.push_back("idle");
    return true;
  };
  Result<StreamStats> stats = RunSigninStream(source, ParseToy, analyzer, sink, idle);
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->lines, 4);
  EXPECT_EQ(stats->events, 3);
  EXPECT_EQ(stats->alerts, 2);
  EXPECT_EQ(log, (std::vector<std::string>{"idle", "SIGNIN_ANONYMIZER:u2", "idle", "SIGNIN_ANONYMIZER:u4"}));
}

TEST(RunSigninStream, IdleHookCanStopTheLoop) {
  ScriptedSource source({std::string("a@x.com,81.2.69.1,true,100"), std::nullopt,
                         std::string("b@x.com,81.2.69.2,true,200")});
  SessionAnalyzer analyzer(MonitorOptions{}, {}, nullptr);
  int alerts = 0;
  Result<StreamStats> stats = RunSigninStream(
      source, ParseToy, analyzer, [&](const SigninAlert&) { ++alerts; }, [] { return false; });
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->events, 1);
  EXPECT_EQ(alerts, 1);
}

class FileLineSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("crosscheck_stream_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".jsonl");
  }
  void TearDown() override { std::filesystem::remove(path_); }
  void Append(const std::string& text) {
    std::ofstream file(path_, std::ios::app | std::ios::binary);
    file << text;
  }
  std::vector<std::string> Drain(LineSource& source, LinePoll* last) {
    std::vector<std::string> lines;
    std::string line;
    while (true) {
      Result<LinePoll> poll = source.Next(&line);
      EXPECT_TRUE(poll.has_value());
      if (!poll || *poll != LinePoll::kLine) {
        if (poll) *last = *poll;
        return lines;
      }
      lines.push_back(line);
    }
  }
  std::filesystem::path path_;
};

TEST_F(FileLineSourceTest, FollowWaitsForCompleteLinesAndSurvivesTruncation) {
  Append("one\r\ntwo\npartial");
  Result<std::unique_ptr<FileLineSource>> source = FileLineSource::Open(path_.string(), /*follow=*/true);
  ASSERT_TRUE(source.has_value());
  LinePoll last = LinePoll::kLine;
  EXPECT_EQ(Drain(**source, &last), (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(last, LinePoll::kIdle);
  Append(" line\nthree\n");
  EXPECT_EQ(Drain(**source, &last), (std::vector<std::string>{"partial line", "three"}));
  EXPECT_EQ(last, LinePoll::kIdle);
  // Rotation by copytruncate: the file starts over, shorter than what was read.
  std::filesystem::resize_file(path_, 0);
  Append("new\n");
  EXPECT_EQ(Drain(**source, &last), (std::vector<std::string>{"new"}));
}

TEST_F(FileLineSourceTest, WithoutFollowEndsAndKeepsLastLine) {
  Append("one\ntwo");
  Result<std::unique_ptr<FileLineSource>> source = FileLineSource::Open(path_.string(), /*follow=*/false);
  ASSERT_TRUE(source.has_value());
  LinePoll last = LinePoll::kLine;
  EXPECT_EQ(Drain(**source, &last), (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(last, LinePoll::kEnd);
}

TEST_F(FileLineSourceTest, ALoneCarriageReturnEndsALineAndACrlfSplitAcrossReadsIsOneBreak) {
  Append("one\rtwo\r");
  Result<std::unique_ptr<FileLineSource>> source = FileLineSource::Open(path_.string(), /*follow=*/true);
  ASSERT_TRUE(source.has_value());
  LinePoll last = LinePoll::kLine;
  // The trailing CR may be half of a CRLF: "two" waits for the next byte.
  EXPECT_EQ(Drain(**source, &last), (std::vector<std::string>{"one"}));
  EXPECT_EQ(last, LinePoll::kIdle);
  Append("\nthree\rfour");
  EXPECT_EQ(Drain(**source, &last), (std::vector<std::string>{"two", "three"}));
  Result<std::unique_ptr<FileLineSource>> whole = FileLineSource::Open(path_.string(), /*follow=*/false);
  ASSERT_TRUE(whole.has_value());
  EXPECT_EQ(Drain(**whole, &last), (std::vector<std::string>{"one", "two", "three", "four"}));
  EXPECT_EQ(last, LinePoll::kEnd);
}

TEST_F(FileLineSourceTest, MissingFileIsNotFoundAndDirectoryIsInvalid) {
  Result<std::unique_ptr<FileLineSource>> missing = FileLineSource::Open(path_.string(), false);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  Result<std::unique_ptr<FileLineSource>> directory =
      FileLineSource::Open(std::filesystem::temp_directory_path().string(), false);
  ASSERT_FALSE(directory.has_value());
  EXPECT_EQ(directory.error().code(), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace crosscheck::monitor
