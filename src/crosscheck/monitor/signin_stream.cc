#include "crosscheck/monitor/signin_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace crosscheck::monitor {
namespace {

constexpr std::size_t kReadBlock = std::size_t{1} << 16;
// A line longer than this has no line break to come: the input is not NDJSON.
constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;

}  // namespace

FileLineSource::FileLineSource(int fd, bool owns_fd, bool follow, std::string path)
    : fd_(fd), owns_fd_(owns_fd), follow_(follow), path_(std::move(path)) {}

FileLineSource::~FileLineSource() {
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<FileLineSource>> FileLineSource::Open(const std::string& path, bool follow) {
  if (path == "-") {
    return std::unique_ptr<FileLineSource>(new FileLineSource(STDIN_FILENO, false, follow, "<stdin>"));
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT) return NotFound("sign-in file not found: " + path);
    return InvalidInput("cannot open " + path + ": " + std::strerror(error));
  }
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    return InvalidInput("sign-in path is a directory: " + path);
  }
  return std::unique_ptr<FileLineSource>(new FileLineSource(fd, true, follow, path));
}

Result<LinePoll> FileLineSource::Next(std::string* line) {
  while (true) {
    // A line ends at LF, CRLF or a lone CR; a CR that ends the data so far waits for the next
    // byte (it may be the first half of a CRLF).
    // Only bytes not searched yet are searched: a long partial line costs its length once.
    const std::size_t brk = buffer_.find_first_of("\r\n", std::max(start_, searched_));
    const bool undecided = brk != std::string::npos && buffer_[brk] == '\r' && brk + 1 == buffer_.size() && !at_end_;
    if (brk != std::string::npos && !undecided) {
      line->assign(buffer_, start_, brk - start_);
      const bool crlf = buffer_[brk] == '\r' && brk + 1 < buffer_.size() && buffer_[brk + 1] == '\n';
      start_ = brk + (crlf ? 2 : 1);
      return LinePoll::kLine;
    }
    searched_ = undecided ? brk : buffer_.size();
    if (at_end_) {
      if (start_ < buffer_.size()) {
        line->assign(buffer_, start_, std::string::npos);
        start_ = buffer_.size();
        return LinePoll::kLine;
      }
      return LinePoll::kEnd;
    }
    // Keep only the unread tail before reading more.
    buffer_.erase(0, start_);
    searched_ -= std::min(searched_, start_);
    start_ = 0;
    if (buffer_.size() > kMaxLineBytes) {  // /dev/zero, a binary file: never a line break
      return InvalidInput(path_ + ": no line break in " + std::to_string(kMaxLineBytes >> 20) +
                          " MiB; not NDJSON sign-in events?");
    }
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + kReadBlock);
    const ssize_t count = ::read(fd_, buffer_.data() + old_size, kReadBlock);
    if (count < 0) {
      buffer_.resize(old_size);
      if (errno == EINTR) continue;
      return InvalidInput("cannot read " + path_ + ": " + std::strerror(errno));
    }
    buffer_.resize(old_size + static_cast<std::size_t>(count));
    if (count > 0) {
      offset_ += count;
      continue;
    }
    // A pipe or terminal at end of data is finished for good; only a regular file can grow.
    if (!follow_ || fd_ == STDIN_FILENO) {
      at_end_ = true;
      continue;
    }
    // End of data for now. A regular file that became shorter was truncated: start over.
    struct stat info {};
    if (fd_ != STDIN_FILENO && ::fstat(fd_, &info) == 0 && S_ISREG(info.st_mode) &&
        info.st_size < offset_) {
      ::lseek(fd_, 0, SEEK_SET);
      offset_ = 0;
      buffer_.clear();
      searched_ = 0;
      continue;
    }
    return LinePoll::kIdle;
  }
}

Result<StreamStats> RunSigninStream(LineSource& source, const LineParser& parse,
                                    SessionAnalyzer& analyzer, const AlertSink& sink,
                                    const IdleHook& idle) {
  StreamStats stats;
  std::string line;
  SigninEvent event;  // reused: the parser assigns its strings in place
  std::vector<SigninAlert> alerts;
  while (true) {
    Result<LinePoll> poll = source.Next(&line);
    if (!poll) return std::unexpected(std::move(poll).error());
    if (*poll == LinePoll::kEnd) return stats;
    if (*poll == LinePoll::kIdle) {
      if (!idle || !idle()) return stats;
      continue;
    }
    ++stats.lines;
    if (!parse(line, stats.lines, event)) continue;
    ++stats.events;
    alerts.clear();
    analyzer.Observe(event, alerts);
    for (const SigninAlert& alert : alerts) {
      ++stats.alerts;
      sink(alert);
    }
  }
}

}  // namespace crosscheck::monitor
