#include "crosscheck/common/testing/test_dir.h"
#include "crosscheck/share/submission_file.h"
#include "crosscheck/source_paths.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crosscheck::share {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kFirstLine = "crosscheck-submission 2\n";

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EXPECT_EQ(EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr), 1);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int idx = 0; idx < length; ++idx) {
    hex.push_back(kHex[digest[idx] >> 4]);
    hex.push_back(kHex[digest[idx] & 15]);
  }
  return hex;
}

// WithChecksum frames a payload the way a writer would: first line, its SHA-256, the payload.
std::string WithChecksum(std::string_view payload) {
  return std::string(kFirstLine) + Sha256Hex(payload) + "\n" + std::string(payload);
}

std::string MsgPack(const Json& json) {
  const std::vector<std::uint8_t> bytes = Json::to_msgpack(json);
  return std::string(bytes.begin(), bytes.end());
}

// Tokens and words from a seeded generator: arbitrary bytes, the same on every run.
class Filler {
 public:
  explicit Filler(std::uint64_t seed) : random_(seed) {}
  Token NextToken() {
    Token token;
    for (std::uint8_t& byte : token) byte = static_cast<std::uint8_t>(random_());
    return token;
  }
  std::vector<std::uint64_t> Words(int count) {
    std::vector<std::uint64_t> words;
    for (int idx = 0; idx < count; ++idx) words.push_back(random_());
    return words;
  }
  std::vector<std::uint32_t> Words32(int count) {
    std::vector<std::uint32_t> words;
    for (int idx = 0; idx < count; ++idx) words.push_back(static_cast<std::uint32_t>(random_()));
    return words;
  }

 private:
  std::mt19937_64 random_;
};

ConsortiumRecord FullRecord(Filler& fill) {
  ConsortiumRecord record;
  record.handle = fill.NextToken();
  record.submitted_hour = 493'417;
  for (TokenKind kind : {TokenKind::kEmail, TokenKind::kPhone, TokenKind::kNationalId,
                         TokenKind::kPayoutAccount, TokenKind::kDevice, TokenKind::kHomeAddress,
                         TokenKind::kShippingAddress, TokenKind::kLinkedin, TokenKind::kGithub,
                         TokenKind::kIp, TokenKind::kBirthDate, TokenKind::kAgency}) {
    record.tokens.emplace_back(kind, fill.NextToken());
  }
  for (NameKeyKind kind : {NameKeyKind::kWhole, NameKeyKind::kPart, NameKeyKind::kSkeleton,
                           NameKeyKind::kPart, NameKeyKind::kWhole}) {
    record.name_keys.push_back(NameKey{kind, fill.NextToken()});
  }
  record.photo_bands = fill.Words(kPhotoBands);
  record.resume_bins = fill.Words32(kResumeBins);
  record.line_type = LineType::kNonFixedVoip;
  record.ip_kind = IpKind::kVpn;
  record.ip_anonymous = true;
  record.ip_country = "NL";
  record.country = "US";
  record.ships_elsewhere = true;
  record.idv_status = "review";
  record.interview_flags = {"CAMERA_OFF", "READING_ANSWERS"};
  record.stage = "offer";
  return record;
}

// A record with only a handle: every optional field absent, every vector empty.
ConsortiumRecord BareRecord(Filler& fill) {
  ConsortiumRecord record;
  record.handle = fill.NextToken();
  return record;
}

// The in-between values: a false flag, a negative hour, only resume bands, the last enums.
ConsortiumRecord EdgeRecord(Filler& fill) {
  ConsortiumRecord record;
  record.handle = fill.NextToken();
  record.submitted_hour = -5;
  record.tokens.emplace_back(TokenKind::kPhone, fill.NextToken());
  record.name_keys.push_back(NameKey{NameKeyKind::kSkeleton, fill.NextToken()});
  record.resume_bins = fill.Words32(kResumeBins);
  record.line_type = LineType::kOther;
  record.ip_kind = IpKind::kTor;
  record.ships_elsewhere = false;
  record.country = "KR";
  return record;
}

Submission SampleSubmission() {
  Filler fill(20261201);
  Submission submission{"acme-corp", "2026-12", "0123456789abcdef", {}};
  submission.records.push_back(FullRecord(fill));
  submission.records.push_back(BareRecord(fill));
  submission.records.push_back(EdgeRecord(fill));
  submission.records.push_back(FullRecord(fill));
  return submission;
}

void ExpectSameSubmission(const Submission& left, const Submission& right) {
  EXPECT_EQ(left.company_id, right.company_id);
  EXPECT_EQ(left.epoch, right.epoch);
  EXPECT_EQ(left.key_id, right.key_id);
  EXPECT_EQ(left.format, right.format);
  ASSERT_EQ(left.records.size(), right.records.size());
  for (std::size_t idx = 0; idx < left.records.size(); ++idx) {
    SCOPED_TRACE("record " + std::to_string(idx));
    const ConsortiumRecord& a = left.records[idx];
    const ConsortiumRecord& b = right.records[idx];
    EXPECT_EQ(a.handle, b.handle);
    EXPECT_EQ(a.submitted_hour, b.submitted_hour);
    EXPECT_EQ(a.tokens, b.tokens);
    EXPECT_EQ(a.name_keys, b.name_keys);
    EXPECT_EQ(a.photo_bands, b.photo_bands);
    EXPECT_EQ(a.resume_bins, b.resume_bins);
    EXPECT_EQ(a.line_type, b.line_type);
    EXPECT_EQ(a.ip_kind, b.ip_kind);
    EXPECT_EQ(a.ip_anonymous, b.ip_anonymous);
    EXPECT_EQ(a.ip_country, b.ip_country);
    EXPECT_EQ(a.country, b.country);
    EXPECT_EQ(a.ships_elsewhere, b.ships_elsewhere);
    EXPECT_EQ(a.idv_status, b.idv_status);
    EXPECT_EQ(a.interview_flags, b.interview_flags);
    EXPECT_EQ(a.stage, b.stage);
  }
}

// TempPath is a fresh path under the test's temporary directory.
std::filesystem::path TempPath(const std::string& name) {
  return test::TestRoot() / name;
}

TEST(SubmissionFile, RoundTrips) {
  const Submission sample = SampleSubmission();
  struct Case {
    const char* name;
    Submission submission;
  } cases[] = {
      {"four records", sample},
      {"no records", Submission{"birch-labs", "2027-01", "fedcba9876543210", {}}},
      {"one bare record", Submission{"c", "e", "k", {sample.records[1]}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string bytes = SerializeSubmission(c.submission);
    EXPECT_TRUE(bytes.starts_with(kFirstLine));
    EXPECT_EQ(SerializeSubmission(c.submission), bytes) << "not deterministic";
    const Result<Submission> parsed = ParseSubmission(bytes, "t.ccsub");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    ExpectSameSubmission(*parsed, c.submission);
    EXPECT_EQ(SerializeSubmission(*parsed), bytes);
  }
}

TEST(SubmissionFile, RoundTripsEachFormat) {
  for (const SubmissionFormat format : {SubmissionFormat::kV1, SubmissionFormat::kV2}) {
    SCOPED_TRACE(static_cast<int>(format));
    Submission submission = SampleSubmission();
    submission.format = format;
    const std::string bytes = SerializeSubmission(submission);
    EXPECT_TRUE(bytes.starts_with("crosscheck-submission " + std::to_string(static_cast<int>(format)) + "\n"));
    const Result<Submission> parsed = ParseSubmission(bytes, "t.ccsub");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    ExpectSameSubmission(*parsed, submission);
    EXPECT_EQ(SerializeSubmission(*parsed), bytes);
  }
}

TEST(SubmissionFile, ReadsFormat1FilesOfTheLastFormat1Build) {
  // tests/fixtures/submission_v1/README.md says how the files were made.
  for (const char* company : {"acme", "globex"}) {
    SCOPED_TRACE(company);
    const std::filesystem::path path = std::filesystem::path(CROSSCHECK_SOURCE_DIR) /
                                       "tests/fixtures/submission_v1" / (std::string(company) + ".ccsub");
    const Result<Submission> read = ReadSubmission(path);
    ASSERT_TRUE(read.has_value()) << read.error().ToString();
    EXPECT_EQ(read->format, SubmissionFormat::kV1);
    EXPECT_EQ(read->company_id, company);
    EXPECT_EQ(read->epoch, "2026-12");
    ASSERT_EQ(read->records.size(), 2u);
    std::size_t with_photo = 0;
    for (const ConsortiumRecord& record : read->records) with_photo += record.photo_bands.empty() ? 0 : 1;
    EXPECT_GE(with_photo, 1u);
    // Written again, a format-1 submission is the same file: a hub may store and re-read it.
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(SerializeSubmission(*read), bytes);
  }
}

TEST(SubmissionFile, WritesAndReadsAFile) {
  const Submission sample = SampleSubmission();
  const std::filesystem::path path =
      TempPath(std::string("acme-corp") + std::string(kSubmissionExtension));
  ASSERT_TRUE(WriteSubmission(sample, path).has_value());
  EXPECT_FALSE(std::filesystem::exists(path.string() + ".tmp"));
  const Result<Submission> read = ReadSubmission(path);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  ExpectSameSubmission(*read, sample);
  std::filesystem::remove(path);
}

TEST(SubmissionFile, ReportsMissingAndUnwritableFiles) {
  const std::filesystem::path missing = TempPath("no-such-file.ccsub");
  std::filesystem::remove(missing);
  const Result<Submission> read = ReadSubmission(missing);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(read.error().message().find("no-such-file.ccsub"), std::string::npos);

  const Status written = WriteSubmission(SampleSubmission(), TempPath("no-such-dir") / "x.ccsub");
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code(), ErrorCode::kIoError);
}

TEST(SubmissionFile, RefusesDamagedFiles) {
  const std::string good = SerializeSubmission(SampleSubmission());
  ASSERT_GT(good.size(), kFirstLine.size() + 65 + 100);
  const std::string payload = good.substr(kFirstLine.size() + 65);
  const Json document = Json::from_msgpack(payload);
  // Edited re-encodes the good document after `edit`, with a correct checksum: only the edit
  // is wrong.
  const auto edited = [&](const std::function<void(Json&)>& edit) {
    Json copy = document;
    edit(copy);
    return WithChecksum(MsgPack(copy));
  };
  const auto record_field = [&](std::size_t record, std::size_t field, Json value) {
    return edited([=](Json& json) { json["records"][record][field] = value; });
  };
  const auto tagged = [](std::uint8_t tag, std::size_t size) {
    std::vector<std::uint8_t> bytes(size, 0x5a);
    bytes[0] = tag;
    return Json::binary(std::move(bytes));
  };

  std::string flipped = good;
  flipped[kFirstLine.size() + 65 + payload.size() / 2] ^= 0x01;
  std::string bad_digit = good;
  bad_digit[kFirstLine.size() + 3] = bad_digit[kFirstLine.size() + 3] == '0' ? '1' : '0';

  struct Case {
    const char* name;
    std::string bytes;
    const char* word;  // the message must contain it
  } cases[] = {
      {"empty file", "", "not a crosscheck submission"},
      {"a newer format", "crosscheck-submission 3\n" + good.substr(kFirstLine.size()), "(1 or 2)"},
      {"format 0", "crosscheck-submission 0\n" + good.substr(kFirstLine.size()), "(1 or 2)"},
      {"format not a number", "crosscheck-submission two\n" + good.substr(kFirstLine.size()), "(1 or 2)"},
      {"wrong first line", "crosscheck-submissions 2\n" + good.substr(kFirstLine.size()),
       "not a crosscheck submission"},
      {"another format", "{\"format\": \"crosscheck-findings\"}\n", "not a crosscheck submission"},
      {"first line without newline", std::string(kFirstLine.substr(0, kFirstLine.size() - 1)),
       "not a crosscheck submission"},
      {"only the first line", std::string(kFirstLine), "truncated"},
      {"checksum line cut short", good.substr(0, kFirstLine.size() + 40), "truncated"},
      {"last 10 bytes missing", good.substr(0, good.size() - 10), "checksum"},
      {"one payload byte flipped", flipped, "checksum"},
      {"one checksum digit changed", bad_digit, "checksum"},
      {"extra byte appended", good + "x", "checksum"},
      {"valid checksum over garbage", WithChecksum("garbage"), "MessagePack"},
      {"valid checksum over an empty payload", WithChecksum(""), "MessagePack"},
      {"payload is not a map", WithChecksum(MsgPack(Json::array({1, 2}))), "header"},
      {"no records", edited([](Json& json) { json.erase("records"); }), "header"},
      {"epoch is a number", edited([](Json& json) { json["epoch"] = 7; }), "header"},
      {"records is a map", edited([](Json& json) { json["records"] = Json::object(); }),
       "'records' is not an array"},
      {"empty company id", edited([](Json& json) { json["company_id"] = ""; }), "company_id"},
      {"record of 6 fields", edited([](Json& json) { json["records"][0].erase(6); }), "record 1"},
      {"record is a string", edited([](Json& json) { json["records"][2] = "x"; }), "record 3"},
      {"handle of 15 bytes", record_field(1, 0, Json::binary(std::vector<std::uint8_t>(15, 1))),
       "handle"},
      {"handle as text", record_field(0, 0, "00112233445566778899aabbccddeeff"), "handle"},
      {"submitted_hour as text", record_field(0, 1, "493417"), "submitted_hour"},
      {"token kind 12", record_field(0, 2, tagged(12, 17)), "unknown token kind"},
      {"token of 16 bytes", record_field(0, 2, tagged(0, 16)), "17-byte"},
      {"name key kind 'x'", record_field(3, 3, tagged('x', 17)), "unknown name key kind"},
      {"name keys as an array", record_field(0, 3, Json::array()), "17-byte"},
      {"31 photo bands", record_field(0, 4, Json::binary(std::vector<std::uint8_t>(31 * 8, 2))),
       "photo bands"},
      {"resume bins of 7 bytes", record_field(2, 5, Json::binary(std::vector<std::uint8_t>(7, 3))),
       "resume bins"},
      {"context is an array", record_field(0, 6, Json::array()), "context"},
      {"line type as text", record_field(0, 6, Json{{"lt", "mobile"}}), "context"},
      {"interview flags as a number", record_field(0, 6, Json{{"if", 3}}), "context"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Result<Submission> parsed = ParseSubmission(c.bytes, "t.ccsub");
    ASSERT_FALSE(parsed.has_value());
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(parsed.error().message().find(c.word), std::string::npos) << parsed.error().message();
    EXPECT_NE(parsed.error().message().find("t.ccsub"), std::string::npos)
        << parsed.error().message();
  }
  // The edits above are what made those files fail: re-encoding the unedited document is fine.
  const Result<Submission> unedited = ParseSubmission(edited([](Json&) {}), "t.ccsub");
  ASSERT_TRUE(unedited.has_value()) << unedited.error().ToString();
  ExpectSameSubmission(*unedited, SampleSubmission());
}

TEST(SubmissionFile, ReadsDamagedFilesAsInvalidInput) {
  std::string bytes = SerializeSubmission(SampleSubmission());
  bytes.resize(bytes.size() - 10);
  const std::filesystem::path path = TempPath("truncated.ccsub");
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  const Result<Submission> read = ReadSubmission(path);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(read.error().message().find("checksum"), std::string::npos);
  EXPECT_NE(read.error().message().find(path.string()), std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace crosscheck::share
