#include "crosscheck/share/submission_file.h"

#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "crosscheck/common/output_file.h"
#include "crosscheck/share/keyed_hash.h"

namespace crosscheck::share {
namespace {

using Json = nlohmann::json;
using Bytes = std::vector<std::uint8_t>;

// The first line is this prefix and the format's number (SubmissionFormat).
constexpr std::string_view kMagic = "crosscheck-submission ";
constexpr std::size_t kTaggedTokenBytes = 1 + sizeof(Token);

Json Binary(Bytes bytes) { return Json::binary(std::move(bytes)); }

Json Tagged(const std::vector<std::pair<std::uint8_t, const Token*>>& items) {
  Bytes bytes;
  bytes.reserve(items.size() * kTaggedTokenBytes);
  for (const auto& [tag, token] : items) {
    bytes.push_back(tag);
    bytes.insert(bytes.end(), token->begin(), token->end());
  }
  return Binary(std::move(bytes));
}

Json Words(const std::vector<std::uint64_t>& words) {
  Bytes bytes(words.size() * 8);
  for (std::size_t idx = 0; idx < words.size(); ++idx) {
    for (int byte = 0; byte < 8; ++byte) bytes[idx * 8 + byte] = static_cast<std::uint8_t>(words[idx] >> (56 - 8 * byte));
  }
  return Binary(std::move(bytes));
}

Json Words32(const std::vector<std::uint32_t>& words) {
  Bytes bytes(words.size() * 4);
  for (std::size_t idx = 0; idx < words.size(); ++idx) {
    for (int byte = 0; byte < 4; ++byte) bytes[idx * 4 + byte] = static_cast<std::uint8_t>(words[idx] >> (24 - 8 * byte));
  }
  return Binary(std::move(bytes));
}

Json RecordJson(const ConsortiumRecord& record) {
  std::vector<std::pair<std::uint8_t, const Token*>> tokens, names;
  for (const auto& [kind, token] : record.tokens) tokens.emplace_back(static_cast<std::uint8_t>(kind), &token);
  for (const NameKey& key : record.name_keys) names.emplace_back(static_cast<std::uint8_t>(key.kind), &key.key);
  Json context = Json::object();
  if (record.line_type != LineType::kUnknown) context["lt"] = static_cast<int>(record.line_type);
  if (record.ip_kind != IpKind::kUnknown) context["ipk"] = static_cast<int>(record.ip_kind);
  if (record.ip_anonymous) context["ipa"] = true;
  if (!record.ip_country.empty()) context["ipc"] = record.ip_country;
  if (!record.country.empty()) context["c"] = record.country;
  if (record.ships_elsewhere) context["se"] = *record.ships_elsewhere;
  if (!record.idv_status.empty()) context["idv"] = record.idv_status;
  if (!record.interview_flags.empty()) context["if"] = record.interview_flags;
  if (!record.stage.empty()) context["st"] = record.stage;
  if (record.name_transliterated) context["nt"] = true;
  return Json::array({Binary(Bytes(record.handle.begin(), record.handle.end())),
                      record.submitted_hour ? Json(*record.submitted_hour) : Json(nullptr), Tagged(tokens),
                      Tagged(names), Words(record.photo_bands), Words32(record.resume_bins), std::move(context)});
}

// Reader checks every field's type and size; a message says which record is at fault.
class RecordReader {
 public:
  RecordReader(std::string_view source, std::size_t record_idx) : source_(source), record_idx_(record_idx) {}

  std::unexpected<Error> Fail(const std::string& what) const {
    return InvalidInput(std::string(source_) + ": record " + std::to_string(record_idx_ + 1) + ": " + what);
  }

  Result<ConsortiumRecord> Read(const Json& json) const {
    if (!json.is_array() || json.size() != 7) return Fail("not an array of 7 fields");
    ConsortiumRecord record;
    const auto* handle = Bin(json[0]);
    if (handle == nullptr || handle->size() != sizeof(Token)) return Fail("the handle is not 16 bytes");
    std::memcpy(record.handle.data(), handle->data(), sizeof(Token));
    if (json[1].is_number_integer()) {
      record.submitted_hour = json[1].get<std::int64_t>();
    } else if (!json[1].is_null()) {
      return Fail("submitted_hour is not an integer");
    }
    CC_RETURN_IF_ERROR(ReadTagged(json[2], "tokens", [&](std::uint8_t tag, const Token& token) -> Status {
      if (tag >= kTokenKindCount) return Fail("unknown token kind " + std::to_string(tag));
      record.tokens.emplace_back(static_cast<TokenKind>(tag), token);
      return Ok();
    }));
    CC_RETURN_IF_ERROR(ReadTagged(json[3], "name keys", [&](std::uint8_t tag, const Token& token) -> Status {
      if (std::string_view("fpswqk").find(static_cast<char>(tag)) == std::string_view::npos) {
        return Fail("unknown name key kind " + std::to_string(tag));
      }
      record.name_keys.push_back(NameKey{static_cast<NameKeyKind>(tag), token});
      return Ok();
    }));
    CC_ASSIGN_OR_RETURN(record.photo_bands, ReadWords(json[4], "photo bands", kPhotoBands));
    CC_ASSIGN_OR_RETURN(record.resume_bins, ReadWords32(json[5], "resume bins", kResumeBins));
    CC_RETURN_IF_ERROR(ReadContext(json[6], record));
    return record;
  }

 private:
  static const Json::binary_t* Bin(const Json& json) {
    return json.is_binary() ? &json.get_binary() : nullptr;
  }

  template <class Visit>
  Status ReadTagged(const Json& json, const char* what, Visit visit) const {
    const auto* bytes = Bin(json);
    if (bytes == nullptr || bytes->size() % kTaggedTokenBytes != 0) {
      return Fail(std::string(what) + " are not a run of 17-byte tagged tokens");
    }
    for (std::size_t offset = 0; offset < bytes->size(); offset += kTaggedTokenBytes) {
      Token token;
      std::memcpy(token.data(), bytes->data() + offset + 1, sizeof(Token));
      CC_RETURN_IF_ERROR(visit((*bytes)[offset], token));
    }
    return Ok();
  }

  Result<std::vector<std::uint64_t>> ReadWords(const Json& json, const char* what, int expected) const {
    const auto* bytes = Bin(json);
    if (bytes == nullptr || (!bytes->empty() && bytes->size() != static_cast<std::size_t>(expected) * 8)) {
      return Fail(std::string(what) + ": expected none or " + std::to_string(expected) + " 8-byte tokens");
    }
    std::vector<std::uint64_t> words(bytes->size() / 8);
    for (std::size_t idx = 0; idx < words.size(); ++idx) {
      for (int byte = 0; byte < 8; ++byte) words[idx] = (words[idx] << 8) | (*bytes)[idx * 8 + byte];
    }
    return words;
  }

  Result<std::vector<std::uint32_t>> ReadWords32(const Json& json, const char* what, int expected) const {
    const auto* bytes = Bin(json);
    if (bytes == nullptr || (!bytes->empty() && bytes->size() != static_cast<std::size_t>(expected) * 4)) {
      return Fail(std::string(what) + ": expected none or " + std::to_string(expected) + " 4-byte tokens");
    }
    std::vector<std::uint32_t> words(bytes->size() / 4);
    for (std::size_t idx = 0; idx < words.size(); ++idx) {
      for (int byte = 0; byte < 4; ++byte) words[idx] = (words[idx] << 8) | (*bytes)[idx * 4 + byte];
    }
    return words;
  }

  Status ReadContext(const Json& json, ConsortiumRecord& record) const {
    if (!json.is_object()) return Fail("context is not a map");
    // Enumerations must be integers in range: a value this version does not know is refused.
    for (const char* key : {"lt", "ipk"}) {
      if (json.contains(key) && (!json[key].is_number_integer() || json[key].get<std::int64_t>() < 0 ||
                                 json[key].get<std::int64_t>() > 7)) {
        return Fail(std::string("context '") + key + "' is not an integer in 0..7");
      }
    }
    try {
      if (json.contains("lt")) record.line_type = static_cast<LineType>(json["lt"].get<int>());
      if (json.contains("ipk")) record.ip_kind = static_cast<IpKind>(json["ipk"].get<int>());
      record.ip_anonymous = json.value("ipa", false);
      record.ip_country = json.value("ipc", std::string());
      record.country = json.value("c", std::string());
      if (json.contains("se")) record.ships_elsewhere = json["se"].get<bool>();
      record.idv_status = json.value("idv", std::string());
      if (json.contains("if")) record.interview_flags = json["if"].get<std::vector<std::string>>();
      record.stage = json.value("st", std::string());
      record.name_transliterated = json.value("nt", false);
    } catch (const Json::exception& error) {
      return Fail(std::string("context: ") + error.what());
    }
    return Ok();
  }

  std::string_view source_;
  std::size_t record_idx_;
};

// ReadFirstLine reads "crosscheck-submission N\n" off `bytes` and returns format N. The
// payload's layout is the same in formats 1 and 2; only what photo band tokens mean differs.
Result<SubmissionFormat> ReadFirstLine(std::string_view& bytes, const std::string& where) {
  const std::size_t end = bytes.substr(0, 64).find('\n');
  if (!bytes.starts_with(kMagic) || end == std::string_view::npos) {
    return InvalidInput(where + ": not a crosscheck submission (the first line is not '" + std::string(kMagic) +
                        "N')");
  }
  const std::string_view number = bytes.substr(kMagic.size(), end - kMagic.size());
  bytes.remove_prefix(end + 1);
  if (number == "1") return SubmissionFormat::kV1;
  if (number == "2") return SubmissionFormat::kV2;
  return InvalidInput(where + ": submission format '" + std::string(number) +
                      "' is not one this build reads (1 or 2): a newer crosscheck wrote it");
}

}  // namespace

std::string SerializeSubmission(const Submission& submission) {
  Json records = Json::array();
  for (const ConsortiumRecord& record : submission.records) records.push_back(RecordJson(record));
  const Json document = {{"company_id", submission.company_id},
                         {"epoch", submission.epoch},
                         {"key_id", submission.key_id},
                         {"records", std::move(records)}};
  const Bytes payload = Json::to_msgpack(document);
  const std::string_view payload_view(reinterpret_cast<const char*>(payload.data()), payload.size());
  std::string out(kMagic);
  out += std::to_string(static_cast<int>(submission.format));
  out.push_back('\n');
  out += HexSha256(payload_view);
  out.push_back('\n');
  out.append(payload_view);
  return out;
}

Result<Submission> ParseSubmission(std::string_view bytes, std::string_view source) {
  const std::string where(source);
  CC_ASSIGN_OR_RETURN(const SubmissionFormat format, ReadFirstLine(bytes, where));
  if (bytes.size() < 65 || bytes[64] != '\n') return InvalidInput(where + ": truncated before the checksum line");
  const std::string_view checksum = bytes.substr(0, 64);
  const std::string_view payload = bytes.substr(65);
  if (HexSha256(payload) != checksum) {
    return InvalidInput(where + ": checksum mismatch: the file is truncated or corrupt (" +
                        std::to_string(payload.size()) + " payload bytes)");
  }
  Json document;
  try {
    document = Json::from_msgpack(payload.begin(), payload.end());
  } catch (const Json::exception& error) {
    return InvalidInput(where + ": bad MessagePack payload: " + error.what());
  }
  Submission submission;
  submission.format = format;
  try {
    submission.company_id = document.at("company_id").get<std::string>();
    submission.epoch = document.at("epoch").get<std::string>();
    submission.key_id = document.at("key_id").get<std::string>();
    if (!document.at("records").is_array()) return InvalidInput(where + ": 'records' is not an array");
  } catch (const Json::exception& error) {
    return InvalidInput(where + ": bad header field: " + error.what());
  }
  if (submission.company_id.empty()) return InvalidInput(where + ": empty company_id");
  const Json& records = document["records"];
  submission.records.reserve(records.size());
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    CC_ASSIGN_OR_RETURN(ConsortiumRecord record, RecordReader(where, record_idx).Read(records[record_idx]));
    submission.records.push_back(std::move(record));
  }
  return submission;
}

Status WriteSubmission(const Submission& submission, const std::filesystem::path& path) {
  // share encode writes one per company (5,000 for a simulated world): no fsync each.
  return WriteFileAtomically(path, SerializeSubmission(submission), Sync::kNo);
}

Result<Submission> ReadSubmission(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return NotFound("submission " + path.string() + " does not exist");
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidInput("cannot read submission " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseSubmission(buffer.str(), path.string());
}

}  // namespace crosscheck::share
