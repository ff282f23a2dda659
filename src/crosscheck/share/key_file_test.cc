#include "crosscheck/share/key_file.h"

#include <sys/stat.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace crosscheck::share {
namespace {

constexpr char kKeyHex[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

ConsortiumKey CountingKey() {
  ConsortiumKey key;
  for (std::size_t idx = 0; idx < kKeyBytes; ++idx) key.bytes[idx] = static_cast<std::uint8_t>(idx);
  return key;
}

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Each test gets a fresh directory of its own.
class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "crosscheck_key_file_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // WriteFile creates `name` holding `content` with exactly `mode` (chmod, past the umask).
  std::filesystem::path WriteFile(
      const std::string& name, const std::string& content,
      std::filesystem::perms mode = std::filesystem::perms::owner_read |
                                    std::filesystem::perms::owner_write) {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    std::filesystem::permissions(path, mode);
    return path;
  }

  std::filesystem::path dir_;
};

TEST(GenerateKey, GivesDifferentNonZeroKeys) {
  const Result<ConsortiumKey> first = GenerateKey();
  const Result<ConsortiumKey> second = GenerateKey();
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_NE(first->bytes, second->bytes);
  EXPECT_NE(first->bytes, ConsortiumKey{}.bytes);
}

TEST_F(KeyFileTest, RoundTripsAndWritesOwnerOnlyHex) {
  const Result<ConsortiumKey> key = GenerateKey();
  ASSERT_TRUE(key.has_value());
  const std::filesystem::path path = dir_ / "consortium.key";
  const Status written = WriteKeyFile(path, *key);
  ASSERT_TRUE(written.has_value()) << written.error().ToString();

  const Result<ConsortiumKey> read = ReadKeyFile(path);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  EXPECT_EQ(read->bytes, key->bytes);

  struct stat status {};
  ASSERT_EQ(::stat(path.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 077, 0u);      // never readable by others, whatever the umask
  EXPECT_EQ(status.st_mode & 0600, 0600u);  // typical umasks leave the owner's bits
}

TEST_F(KeyFileTest, WritesLowerCaseHexAndNewline) {
  const std::filesystem::path path = dir_ / "consortium.key";
  ASSERT_TRUE(WriteKeyFile(path, CountingKey()).has_value());
  EXPECT_EQ(Slurp(path), std::string(kKeyHex) + "\n");
}

TEST_F(KeyFileTest, RefusesToOverwrite) {
  const std::filesystem::path path = dir_ / "consortium.key";
  ASSERT_TRUE(WriteKeyFile(path, CountingKey()).has_value());
  const Status again = WriteKeyFile(path, ConsortiumKey{});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(again.error().message().find("already exists"), std::string::npos)
      << again.error().message();
  EXPECT_EQ(Slurp(path), std::string(kKeyHex) + "\n");  // the first key survives
}

TEST_F(KeyFileTest, WriteIntoMissingDirectoryIsNotFound) {
  const Status written = WriteKeyFile(dir_ / "no_such_dir" / "consortium.key", CountingKey());
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code(), ErrorCode::kNotFound);
}

TEST_F(KeyFileTest, AcceptsOwnerOnlyModesAndLooseFormatting) {
  using std::filesystem::perms;
  struct Case {
    const char* name;
    std::string content;
    perms mode;
  };
  const std::string hex = kKeyHex;
  std::string upper = hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::vector<Case> cases = {
      {"0600 with newline", hex + "\n", perms::owner_read | perms::owner_write},
      {"0400", hex + "\n", perms::owner_read},
      {"no newline", hex, perms::owner_read | perms::owner_write},
      {"CRLF", hex + "\r\n", perms::owner_read | perms::owner_write},
      {"surrounding whitespace", "  \t" + hex + " \n\n", perms::owner_read | perms::owner_write},
      {"upper case", upper + "\n", perms::owner_read | perms::owner_write},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    const Result<ConsortiumKey> key = ReadKeyFile(WriteFile("key", test.content, test.mode));
    ASSERT_TRUE(key.has_value()) << key.error().ToString();
    EXPECT_EQ(key->bytes, CountingKey().bytes);
    std::filesystem::remove(dir_ / "key");
  }
}

TEST_F(KeyFileTest, RefusesFilesOthersCanAccessWithChmodHint) {
  using std::filesystem::perms;
  const perms owner = perms::owner_read | perms::owner_write;
  struct Case {
    perms mode;
    const char* octal;
  };
  const std::vector<Case> cases = {
      {owner | perms::group_read | perms::others_read, "0644"},
      {owner | perms::group_read, "0640"},
      {owner | perms::others_write, "0602"},
      {perms::all, "0777"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.octal);
    const std::filesystem::path path = WriteFile("key", std::string(kKeyHex) + "\n", test.mode);
    const Result<ConsortiumKey> key = ReadKeyFile(path);
    ASSERT_FALSE(key.has_value());
    EXPECT_EQ(key.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(key.error().message(), path.string() + ": key file is accessible by others (mode " +
                                         test.octal + "); run chmod 600 " + path.string());
    std::filesystem::remove(path);
  }
}

TEST_F(KeyFileTest, RefusesContentThatIsNotOneKey) {
  struct Case {
    const char* name;
    std::string content;
    std::string message;  // after "<path>: "
  };
  const std::string hex = kKeyHex;
  std::string bad_seventh = hex;
  bad_seventh[6] = 'x';
  const std::vector<Case> cases = {
      {"short", hex.substr(0, 20) + "\n", "holds 20 hex digits, a key needs 64"},
      {"long", hex + "0\n", "holds 65 hex digits, a key needs 64"},
      {"empty", "", "holds 0 hex digits, a key needs 64"},
      {"only a newline", "\n", "holds 0 hex digits, a key needs 64"},
      {"non-hex letter", bad_seventh + "\n", "character 'x' at column 7 is not a hex digit"},
      {"column counts leading spaces", "  " + bad_seventh,
       "character 'x' at column 9 is not a hex digit"},
      {"space inside", hex.substr(0, 4) + " " + hex.substr(4) + "\n",
       "a space at column 5 is not a hex digit"},
      {"two lines", hex + "\n" + hex + "\n", "a line break at column 65 is not a hex digit"},
      {"second line", "0123\nz\n", "a line break at column 5 is not a hex digit"},
      {"0x prefix", "0x" + hex.substr(2) + "\n", "character 'x' at column 2 is not a hex digit"},
      {"non-ASCII byte", hex.substr(0, 10) + "\xc3\xa9" + "\n",
       "byte 0xc3 at column 11 is not a hex digit"},
      {"too large", std::string(5000, '0'), "is 5000 bytes, a key file holds 64 hex digits"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    const std::filesystem::path path = WriteFile("key", test.content);
    const Result<ConsortiumKey> key = ReadKeyFile(path);
    ASSERT_FALSE(key.has_value());
    EXPECT_EQ(key.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(key.error().message(), path.string() + ": " + test.message);
    std::filesystem::remove(path);
  }
}

TEST_F(KeyFileTest, ReportsLineOfAProblemPastTheFirstLine) {
  const std::filesystem::path path = WriteFile("key", "\n\n  0123\nzz\n");
  const Result<ConsortiumKey> key = ReadKeyFile(path);
  ASSERT_FALSE(key.has_value());
  // Leading blank lines are whitespace; the first offending byte is the break after "0123".
  EXPECT_EQ(key.error().message(),
            path.string() + ": a line break at line 3, column 7 is not a hex digit");
}

TEST_F(KeyFileTest, MissingFileIsNotFoundAndNamed) {
  const std::filesystem::path path = dir_ / "missing.key";
  const Result<ConsortiumKey> key = ReadKeyFile(path);
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(key.error().message().find(path.string()), std::string::npos) << key.error().message();
}

TEST_F(KeyFileTest, RefusesDirectory) {
  const std::filesystem::path path = dir_ / "a_directory";
  std::filesystem::create_directory(path);
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  const Result<ConsortiumKey> key = ReadKeyFile(path);
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(key.error().message(), path.string() + ": is a directory, not a key file");
}

TEST_F(KeyFileTest, RefusesFifo) {
  const std::filesystem::path path = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  const Result<ConsortiumKey> key = ReadKeyFile(path);  // must not block waiting for a writer
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(key.error().message(), path.string() + ": is not a regular file");
}

}  // namespace
}  // namespace crosscheck::share
