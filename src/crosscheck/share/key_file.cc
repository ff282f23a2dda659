#include "crosscheck/share/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/rand.h>

#include "crosscheck/common/strings.h"

namespace crosscheck::share {
namespace {

constexpr std::size_t kHexDigits = 2 * kKeyBytes;
// A key file is 65 bytes; anything much larger is not one, and is not read into memory.
constexpr off_t kMaxKeyFileBytes = 4096;

// FileDescriptor closes on every return path.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Release hands the descriptor to the caller, who closes it and checks the result.
  int Release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

std::string ErrnoText(int error) { return std::generic_category().message(error); }

// Octal renders a file mode the way chmod takes it ("0644").
std::string Octal(unsigned mode) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04o", mode);
  return buffer;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// DescribeByte shows a byte the way a user would find it in an editor.
std::string DescribeByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x21 && byte < 0x7f) return std::string("character '") + c + "'";
  if (c == ' ') return "a space";
  if (c == '\t') return "a tab";
  if (c == '\n') return "a line break";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "byte 0x%02x", static_cast<unsigned>(byte));
  return buffer;
}

// ParseKey checks that `content` is 64 hex digits with optional whitespace around them.
// Positions in messages are 1-based and refer to the file as written (whitespace included).
Result<ConsortiumKey> ParseKey(std::string_view content) {
  const std::string_view digits = TrimAscii(content);
  const std::size_t start = static_cast<std::size_t>(digits.data() - content.data());
  for (std::size_t idx = 0; idx < digits.size(); ++idx) {
    if (HexValue(digits[idx]) >= 0) continue;
    const std::string_view before = content.substr(0, start + idx);
    const std::size_t newline = before.rfind('\n');
    const std::size_t column =
        before.size() - (newline == std::string_view::npos ? 0 : newline + 1) + 1;
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    std::string where = "column " + std::to_string(column);
    if (line > 1) where = "line " + std::to_string(line) + ", " + where;
    return InvalidInput(DescribeByte(digits[idx]) + " at " + where + " is not a hex digit");
  }
  if (digits.size() != kHexDigits) {
    return InvalidInput("holds " + std::to_string(digits.size()) + " hex digits, a key needs " +
                        std::to_string(kHexDigits));
  }
  ConsortiumKey key;
  for (std::size_t idx = 0; idx < kKeyBytes; ++idx) {
    key.bytes[idx] =
        static_cast<std::uint8_t>(HexValue(digits[2 * idx]) << 4 | HexValue(digits[2 * idx + 1]));
  }
  return key;
}

// WriteAll writes the whole buffer, resuming after short writes and signals.
bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

}  // namespace

Result<ConsortiumKey> GenerateKey() {
  ConsortiumKey key;
  if (RAND_bytes(key.bytes.data(), static_cast<int>(key.bytes.size())) != 1) {
    return Internal(std::string("the random generator failed: ") +
                    ERR_error_string(ERR_get_error(), nullptr));
  }
  return key;
}

Status WriteKeyFile(const std::filesystem::path& path, const ConsortiumKey& key) {
  const std::string name = path.string();
  // O_EXCL makes "refuse to overwrite" atomic: no window between a check and the create.
  FileDescriptor fd(::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600));
  if (fd.get() < 0) {
    const int error = errno;
    if (error == EEXIST) {
      return InvalidInput(
          name +
          ": already exists; a key file is never overwritten (data shared under "
          "the old key would no longer match); remove it first or choose another path");
    }
    if (error == ENOENT) return NotFound(name + ": directory does not exist");
    return InvalidInput(name + ": cannot create key file: " + ErrnoText(error));
  }

  std::string text;
  text.reserve(kHexDigits + 1);
  constexpr std::string_view kHex = "0123456789abcdef";
  for (const std::uint8_t byte : key.bytes) {
    text.push_back(kHex[byte >> 4]);
    text.push_back(kHex[byte & 0xf]);
  }
  text.push_back('\n');

  // fsync: a key reported as written must survive a crash, or members end up with different keys.
  bool ok = WriteAll(fd.get(), text) && ::fsync(fd.get()) == 0;
  int error = errno;
  if (::close(fd.Release()) != 0 && ok) {
    ok = false;
    error = errno;
  }
  OPENSSL_cleanse(text.data(), text.size());
  if (!ok) {
    // A half-written file would block the retry (O_EXCL) and would not parse anyway.
    ::unlink(path.c_str());
    return InvalidInput(name + ": cannot write key file: " + ErrnoText(error));
  }
  return Ok();
}

Result<std::string> ReadSecretFile(const std::filesystem::path& path, std::string_view kind, std::string_view holds) {
  const std::string name = path.string();
  const std::string what(kind);
  // Open first and inspect the open file (fstat), so the checks and the read see one file.
  // O_NONBLOCK: opening a FIFO put in the secret's place must not hang; no effect on files.
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    const int error = errno;
    if (error == ENOENT) return NotFound(name + ": " + what + " not found");
    return InvalidInput(name + ": cannot open " + what + ": " + ErrnoText(error));
  }
  struct stat status {};
  if (::fstat(fd.get(), &status) != 0) {
    return InvalidInput(name + ": cannot inspect " + what + ": " + ErrnoText(errno));
  }
  if (S_ISDIR(status.st_mode)) {
    return InvalidInput(name + ": is a directory, not a " + what);
  }
  if (!S_ISREG(status.st_mode)) return InvalidInput(name + ": is not a regular file");
  // Like ssh with a private key: a secret others can read may already be theirs, and one
  // others can write may be theirs to choose.
  if ((status.st_mode & 077) != 0) {
    return InvalidInput(name + ": " + what + " is accessible by others (mode " + Octal(status.st_mode & 07777) +
                        "); run chmod 600 " + name);
  }
  const std::string too_large = " bytes, a " + what + " holds " + std::string(holds);
  if (status.st_size > kMaxKeyFileBytes) {
    return InvalidInput(name + ": is " + std::to_string(status.st_size) + too_large);
  }
  std::string content(static_cast<std::size_t>(kMaxKeyFileBytes) + 1, '\0');
  std::size_t size = 0;
  while (size < content.size()) {
    const ssize_t got = ::read(fd.get(), content.data() + size, content.size() - size);
    if (got < 0) {
      if (errno == EINTR) continue;
      OPENSSL_cleanse(content.data(), content.size());
      return InvalidInput(name + ": cannot read " + what + ": " + ErrnoText(errno));
    }
    if (got == 0) break;
    size += static_cast<std::size_t>(got);
  }
  if (size > static_cast<std::size_t>(kMaxKeyFileBytes)) {
    OPENSSL_cleanse(content.data(), content.size());
    return InvalidInput(name + ": is over " + std::to_string(kMaxKeyFileBytes) + too_large);
  }
  std::string secret(content.data(), size);
  OPENSSL_cleanse(content.data(), content.size());
  return secret;
}

Result<ConsortiumKey> ReadKeyFile(const std::filesystem::path& path) {
  CC_ASSIGN_OR_RETURN(std::string content, ReadSecretFile(path, "key file", std::to_string(kHexDigits) + " hex digits"));
  Result<ConsortiumKey> key = ParseKey(content);
  OPENSSL_cleanse(content.data(), content.size());
  if (!key) return InvalidInput(path.string() + ": " + key.error().message());
  return key;
}

}  // namespace crosscheck::share
