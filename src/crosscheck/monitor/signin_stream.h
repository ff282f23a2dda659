// Streaming sign-in analysis: lines from a growing file (or stdin) go through a parser into a
// SessionAnalyzer, and each alert leaves as soon as the line that raised it is read. The line
// source, the parser and the idle wait are injected, so the loop is tested without files,
// threads or sleeps; `crosscheck monitor --follow` supplies a file tail and a short sleep.
//
//   CC_ASSIGN_OR_RETURN(auto source, FileLineSource::Open("signins.jsonl", /*follow=*/true));
//   CC_ASSIGN_OR_RETURN(StreamStats stats,
//                       RunSigninStream(*source, parse, analyzer, write_alert, sleep_a_little));
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "crosscheck/common/error.h"
#include "crosscheck/common/model.h"
#include "crosscheck/monitor/session_analyzer.h"

namespace crosscheck::monitor {

// LinePoll is what a LineSource has for the caller right now.
enum class LinePoll : std::uint8_t {
  kLine,  // a complete line (without its line break)
  kIdle,  // nothing complete yet; more may come (follow mode)
  kEnd,   // the input is finished
};

// LineSource yields lines of text as they become complete.
class LineSource {
 public:
  virtual ~LineSource() = default;
  // Next stores the next complete line in *line and returns kLine, or says kIdle / kEnd.
  // kInvalidInput when the input cannot be read.
  virtual Result<LinePoll> Next(std::string* line) = 0;
};

// FileLineSource reads a file ("-" for standard input) in large blocks. Without follow, the end
// of the file is kEnd (a last line without a line break is still returned). With follow, the
// end of the file is kIdle, a partial last line waits for its line break, and a file that
// shrinks (truncated or replaced by rotation with copytruncate) is read again from the start.
// Standard input blocks until data arrives and ends at end of input, follow or not.
class FileLineSource : public LineSource {
 public:
  FileLineSource(const FileLineSource&) = delete;
  FileLineSource& operator=(const FileLineSource&) = delete;
  ~FileLineSource() override;

  // Open opens path. kNotFound when it does not exist, kInvalidInput when it cannot be read.
  static Result<std::unique_ptr<FileLineSource>> Open(const std::string& path, bool follow);

  Result<LinePoll> Next(std::string* line) override;

 private:
  FileLineSource(int fd, bool owns_fd, bool follow, std::string path);

  int fd_;
  bool owns_fd_;
  bool follow_;
  bool at_end_ = false;
  std::string path_;
  std::string buffer_;
  std::size_t start_ = 0;     // first unread byte in buffer_
  std::size_t searched_ = 0;  // bytes of buffer_ known to hold no line break (from start_ on)
  std::int64_t offset_ = 0;   // bytes read from the file so far
};

// LineParser fills *event from one line (1-based number) and returns true, or returns false for
// a blank or bad line (the parser reports bad lines itself, e.g. to an IssueLog). The loop hands
// it the same event for every line, so a parser that assigns in place (ParseSigninLineInto)
// allocates nothing per line; it must set every field it does not want kept.
using LineParser =
    std::function<bool(std::string_view line, std::int64_t line_number, SigninEvent& event)>;
// AlertSink receives each alert as soon as it is raised.
using AlertSink = std::function<void(const SigninAlert& alert)>;
// IdleHook runs when the source has nothing new: flush, wait a little, and return true to keep
// going or false to stop.
using IdleHook = std::function<bool()>;

// StreamStats counts what RunSigninStream saw.
struct StreamStats {
  std::int64_t lines = 0;
  std::int64_t events = 0;
  std::int64_t alerts = 0;
};

// RunSigninStream reads source until kEnd (or until idle returns false), feeding parsed
// events to analyzer and every alert to sink in the order raised. The source's errors.
Result<StreamStats> RunSigninStream(LineSource& source, const LineParser& parse,
                                    SessionAnalyzer& analyzer, const AlertSink& sink,
                                    const IdleHook& idle);

}  // namespace crosscheck::monitor
