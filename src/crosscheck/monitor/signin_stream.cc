#include "crosscheck/monitor/signin_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace crosscheck::monitor {
namespace {

constexpr std::size_t kReadBlock = std::size_t{1} << 16;

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
    const std::size_t newline = buffer_.find('\n', start_);
    if (newline != std::string::npos) {
      std::size_t end = newline;
      if (end > start_ && buffer_[end - 1] == '\r') --end;
      line->assign(buffer_, start_, end - start_);
      start_ = newline + 1;
      return LinePoll::kLine;
    }
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
    start_ = 0;
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
