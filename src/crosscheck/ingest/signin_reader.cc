#include "crosscheck/ingest/signin_reader.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <system_error>
#include <utility>

#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"
#include "crosscheck/ingest/internal/reader_support.h"

namespace crosscheck::ingest {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Member finds `key` in an object: the exact spelling first (the common case, a map lookup),
// then any ASCII-case variant, because Okta's own camelCase and Panther's lower-cased copies
// of the same events both occur in real exports. nullptr when `object` is not an object.
const Json* Member(const Json* object, std::string_view key) {
  if (object == nullptr || !object->is_object()) return nullptr;
  if (auto it = object->find(key); it != object->end()) return &*it;
  for (auto it = object->begin(); it != object->end(); ++it) {
    if (EqualsIgnoreCaseAscii(it.key(), key)) return &it.value();
  }
  return nullptr;
}

const Json* Path(const Json& root, std::initializer_list<std::string_view> keys) {
  const Json* node = &root;
  for (std::string_view key : keys) node = Member(node, key);
  return node;
}

// Text renders a scalar as text; null, the string "null" (Okta writes it for a missing IP)
// and containers are unknown (empty).
std::string Text(const Json* value) {
  if (value == nullptr) return {};
  switch (value->type()) {
    case Json::value_t::string: {
      const std::string_view text = TrimAscii(value->get_ref<const std::string&>());
      if (EqualsIgnoreCaseAscii(text, "null")) return {};
      return std::string(text);
    }
    case Json::value_t::number_integer:
      return std::to_string(value->get<std::int64_t>());
    case Json::value_t::number_unsigned:
      return std::to_string(value->get<std::uint64_t>());
    case Json::value_t::number_float:
      return value->dump();
    case Json::value_t::boolean:
      return value->get<bool>() ? "true" : "false";
    default:
      return {};
  }
}

std::optional<std::int64_t> Integer(const Json* value) {
  if (value == nullptr) return std::nullopt;
  switch (value->type()) {
    case Json::value_t::number_integer:
      return value->get<std::int64_t>();
    case Json::value_t::number_unsigned: {
      const auto number = value->get<std::uint64_t>();
      if (number > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
      return static_cast<std::int64_t>(number);
    }
    case Json::value_t::number_float: {
      const double number = value->get<double>();
      if (!std::isfinite(number) || number != std::trunc(number) || std::fabs(number) > 9e15) {
        return std::nullopt;
      }
      return static_cast<std::int64_t>(number);
    }
    case Json::value_t::string: {
      std::string_view text = TrimAscii(value->get_ref<const std::string&>());
      // "AS7922" is how people (and some enrichers) write an AS number.
      if (text.size() > 2 && (text[0] == 'A' || text[0] == 'a') &&
          (text[1] == 'S' || text[1] == 's')) {
        text.remove_prefix(2);
      }
      std::int64_t number = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
      }
      return number;
    }
    default:
      return std::nullopt;
  }
}

std::optional<double> Real(const Json* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_number()) {
    const double number = value->get<double>();
    return std::isfinite(number) ? std::optional<double>(number) : std::nullopt;
  }
  if (value->is_string()) {
    const std::string_view text = TrimAscii(value->get_ref<const std::string&>());
    double number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end != text.data() + text.size() || text.empty() ||
        !std::isfinite(number)) {
      return std::nullopt;
    }
    return number;
  }
  return std::nullopt;
}

std::optional<bool> Boolean(const Json* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_boolean()) return value->get<bool>();
  if (value->is_number_integer() || value->is_number_unsigned()) {
    const auto number = value->get<std::int64_t>();
    if (number == 0 || number == 1) return number == 1;
    return std::nullopt;
  }
  if (value->is_string()) {
    const std::string_view text = TrimAscii(value->get_ref<const std::string&>());
    if (EqualsIgnoreCaseAscii(text, "true")) return true;
    if (EqualsIgnoreCaseAscii(text, "false")) return false;
  }
  return std::nullopt;
}

SigninEvent EventFromJson(const Json& root, std::int64_t line_number) {
  SigninEvent event;
  event.line = line_number;
  event.uuid = Text(Member(&root, "uuid"));
  event.event_type = Text(Member(&root, "eventType"));
  event.published = Text(Member(&root, "published"));
  if (!event.published.empty()) {
    event.published_unix = ParseTimestamp(event.published);
    // Okta's `published` is UTC; Panther and some SIEM exports drop the trailing Z.
    if (!event.published_unix) event.published_unix = ParseTimestamp(event.published + "Z");
  }
  event.actor_login = Text(Path(root, {"actor", "alternateId"}));
  event.actor_id = Text(Path(root, {"actor", "id"}));
  const Json* client = Member(&root, "client");
  event.ip_address = Text(Member(client, "ipAddress"));
  const Json* user_agent = Member(client, "userAgent");
  event.user_agent = Text(Member(user_agent, "rawUserAgent"));
  event.os = Text(Member(user_agent, "os"));
  event.browser = Text(Member(user_agent, "browser"));
  event.device = Text(Member(client, "device"));
  const Json* geo = Member(client, "geographicalContext");
  event.geo_country = Text(Member(geo, "country"));
  event.geo_state = Text(Member(geo, "state"));
  event.geo_city = Text(Member(geo, "city"));
  const Json* geolocation = Member(geo, "geolocation");
  event.geo_latitude = Real(Member(geolocation, "lat"));
  event.geo_longitude = Real(Member(geolocation, "lon"));
  const Json* security = Member(&root, "securityContext");
  event.as_number = Integer(Member(security, "asNumber"));
  event.as_org = Text(Member(security, "asOrg"));
  event.isp = Text(Member(security, "isp"));
  event.domain = Text(Member(security, "domain"));
  event.is_proxy = Boolean(Member(security, "isProxy"));
  const Json* outcome = Member(&root, "outcome");
  event.outcome_result = Text(Member(outcome, "result"));
  event.outcome_reason = Text(Member(outcome, "reason"));
  event.device_fingerprint = Text(Path(root, {"debugContext", "debugData", "deviceFingerprint"}));
  return event;
}

void AddLineIssue(IssueLog& issues, const std::string& file, std::int64_t line, std::int64_t column,
                  std::string code, std::string message) {
  issues.Add(Issue{.file = file,
                   .line = line,
                   .column = column,
                   .field = "",
                   .code = std::move(code),
                   .message = std::move(message),
                   .severity = IssueSeverity::kRowSkipped});
}

// ParserMessage strips nlohmann's "[json.exception.parse_error.101] " prefix.
std::string ParserMessage(const char* what) {
  std::string_view text = what;
  if (const auto close = text.find("] "); close != std::string_view::npos && text.front() == '[') {
    text.remove_prefix(close + 2);
  }
  return std::string(text);
}

// ScanJsonValue moves *pos past one JSON value in `text` (string- and escape-aware, nesting
// by brackets only; the value's own validity is checked later by the real parser). At depth
// 0 a scalar ends before ',' or ']'. Counts line breaks into *line. Returns false when a
// string or bracket is still open at the end of the text.
bool ScanJsonValue(std::string_view text, std::size_t* pos, std::int64_t* line) {
  int depth = 0;
  bool in_string = false;
  while (*pos < text.size()) {
    const char c = text[*pos];
    if (c == '\n') ++*line;
    if (in_string) {
      if (c == '\\') {
        ++*pos;
        if (*pos < text.size() && text[*pos] == '\n') ++*line;
      } else if (c == '"') {
        in_string = false;
        if (depth == 0) {
          ++*pos;
          return true;
        }
      }
      ++*pos;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return true;  // the end of the enclosing array: a scalar ended
      if (--depth == 0) {
        ++*pos;
        return true;
      }
    } else if (c == ',' && depth == 0) {
      return true;
    }
    ++*pos;
  }
  return depth == 0 && !in_string;
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// ReadArrayLayout reads a file that holds JSON arrays of events (Okta's API pages) and/or
// bare objects, one after another. `on_event` receives each element's text and start line.
template <class OnElement>
Status ReadArrayLayout(std::string_view text, const std::string& file, OnElement on_element) {
  std::size_t pos = 0;
  std::int64_t line = 1;
  auto skip_space = [&]() {
    while (pos < text.size() && IsJsonSpace(text[pos])) {
      if (text[pos] == '\n') ++line;
      ++pos;
    }
  };
  auto where = [&](std::int64_t at_line) { return file + ":" + std::to_string(at_line); };
  while (true) {
    skip_space();
    if (pos == text.size()) return Ok();
    if (text[pos] == '{') {
      const std::size_t start = pos;
      const std::int64_t start_line = line;
      if (!ScanJsonValue(text, &pos, &line)) {
        return InvalidInput(where(start_line) + ": JSON object never closes (truncated file?)");
      }
      CC_RETURN_IF_ERROR(on_element(text.substr(start, pos - start), start_line));
      continue;
    }
    if (text[pos] != '[') {
      return InvalidInput(where(line) + ": expected a JSON array or object of sign-in events");
    }
    const std::int64_t array_line = line;
    ++pos;
    skip_space();
    if (pos < text.size() && text[pos] == ']') {
      ++pos;
      continue;
    }
    while (true) {
      skip_space();
      const std::size_t start = pos;
      const std::int64_t start_line = line;
      if (!ScanJsonValue(text, &pos, &line) || pos == text.size()) {
        return InvalidInput(where(array_line) +
                            ": JSON array opened here never closes (truncated file?)");
      }
      CC_RETURN_IF_ERROR(on_element(text.substr(start, pos - start), start_line));
      skip_space();
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        continue;
      }
      if (pos < text.size() && text[pos] == ']') {
        ++pos;
        break;
      }
      return InvalidInput(where(line) + ": expected ',' or ']' between array elements");
    }
  }
}

}  // namespace

std::optional<SigninEvent> ParseSigninLine(std::string_view line, std::int64_t line_number,
                                           const std::string& file, IssueLog& issues) {
  if (StartsWith(line, kUtf8Bom)) line.remove_prefix(kUtf8Bom.size());
  if (TrimAscii(line).empty()) return std::nullopt;
  std::size_t bad_offset = 0;
  if (!IsValidUtf8(line, &bad_offset)) {
    AddLineIssue(issues, file, line_number, static_cast<std::int64_t>(bad_offset) + 1,
                 "INVALID_UTF8", "line is not valid UTF-8; event skipped");
    return std::nullopt;
  }
  Json root;
  try {
    root = Json::parse(line);
  } catch (const Json::parse_error& error) {
    AddLineIssue(issues, file, line_number, static_cast<std::int64_t>(error.byte), "BAD_JSON",
                 ParserMessage(error.what()) + "; event skipped");
    return std::nullopt;
  } catch (const Json::exception& error) {
    // e.g. out_of_range for a number too large for a double.
    AddLineIssue(issues, file, line_number, 0, "BAD_JSON",
                 ParserMessage(error.what()) + "; event skipped");
    return std::nullopt;
  }
  if (!root.is_object()) {
    AddLineIssue(
        issues, file, line_number, 1, "NOT_AN_OBJECT",
        std::string("expected a JSON object (one event), got ") + root.type_name() + "; skipped");
    return std::nullopt;
  }
  return EventFromJson(root, line_number);
}

Result<std::vector<SigninEvent>> ReadSignins(const std::filesystem::path& path,
                                             const ReadOptions& options, IssueLog& issues) {
  std::error_code fs_error;
  const auto status = std::filesystem::status(path, fs_error);
  if (!std::filesystem::exists(status)) return NotFound("sign-in file not found: " + path.string());
  if (std::filesystem::is_directory(status)) {
    return InvalidInput(path.string() + " is a directory, expected a sign-in log file");
  }
  std::ifstream input(path, std::ios::binary);
  if (!input) return InvalidInput("cannot open " + path.string() + ": " + std::strerror(errno));
  const std::string file = path.string();

  std::vector<SigninEvent> events;
  // Parses one line or element; in strict mode its Issue becomes the Error.
  auto take = [&](std::string_view text, std::int64_t line_number) -> Status {
    const std::size_t issues_before = issues.size();
    if (text.size() > options.max_field_bytes) {
      AddLineIssue(issues, file, line_number, 0, "LINE_TOO_LONG",
                   "event of " + std::to_string(text.size()) + " bytes is longer than the " +
                       std::to_string(options.max_field_bytes) + "-byte limit; skipped");
    } else if (auto event = ParseSigninLine(text, line_number, file, issues)) {
      events.push_back(std::move(*event));
    }
    if (options.strict && issues.size() > issues_before) {
      return InvalidInput(issues.issues().back().ToString());
    }
    return Ok();
  };

  // The layout is decided by the first byte that is not a BOM or white space.
  std::string prefix(kUtf8Bom.size(), '\0');
  input.read(prefix.data(), static_cast<std::streamsize>(prefix.size()));
  prefix.resize(static_cast<std::size_t>(input.gcount()));
  const bool has_bom = prefix == kUtf8Bom;
  input.clear();
  input.seekg(has_bom ? static_cast<std::streamoff>(kUtf8Bom.size()) : 0);
  char first = '\0';
  while (input.get(first) && IsJsonSpace(first)) {
  }
  const bool array_layout = input && first == '[';
  input.clear();
  input.seekg(has_bom ? static_cast<std::streamoff>(kUtf8Bom.size()) : 0);

  if (array_layout) {
    const std::string text((std::istreambuf_iterator<char>(input)),
                           std::istreambuf_iterator<char>());
    if (input.bad()) return InvalidInput("cannot read " + file);
    CC_RETURN_IF_ERROR(ReadArrayLayout(text, file, take));
    return events;
  }

  std::string line;
  std::int64_t line_number = 0;
  while (std::getline(input, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    CC_RETURN_IF_ERROR(take(line, line_number));
  }
  if (input.bad()) {
    return InvalidInput("cannot read " + file + " after line " + std::to_string(line_number));
  }
  return events;
}

}  // namespace crosscheck::ingest
