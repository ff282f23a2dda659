#include "crosscheck/ingest/signin_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <tuple>
#include <string>
#include <vector>

#include "crosscheck/ingest/internal/signin_parsers.h"
#include "crosscheck/ingest/internal/test_files.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::ingest {
namespace {

std::filesystem::path OktaFile(const char* name) {
  return std::filesystem::path(CROSSCHECK_SHARED_DIR) / "data/okta" / name;
}

std::vector<SigninEvent> ReadOrDie(const std::filesystem::path& path, IssueLog& issues) {
  auto events = ReadSignins(path, ReadOptions{}, issues);
  EXPECT_TRUE(events.has_value()) << (events ? "" : events.error().ToString());
  return events ? std::move(*events) : std::vector<SigninEvent>{};
}

// Every event of the public Okta samples must parse without an issue. The counts below are
// the ones shared/data/okta/README.md states, checked against what the parser extracted.
TEST(SigninReader, ParsesEveryRealOktaSample) {
  struct Case {
    const char* file;
    std::size_t events;
    std::size_t with_ip;      // client.ipAddress a real address
    std::size_t with_asn;     // securityContext.asNumber non-null
    std::size_t proxy_true;   // securityContext.isProxy true
    std::size_t proxy_known;  // isProxy non-null
  };
  const Case cases[] = {
      {"elastic-system-events.jsonl", 20, 16, 7, 0, 7},
      {"elastic-sample-logs.jsonl", 3, 3, 0, 0, 0},
      {"panther-test-events.jsonl", 66, 61, 42, 2, 42},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    IssueLog issues;
    const std::vector<SigninEvent> events = ReadOrDie(OktaFile(c.file), issues);
    for (const Issue& issue : issues.issues()) ADD_FAILURE() << issue.ToString();
    ASSERT_EQ(events.size(), c.events);
    std::size_t with_ip = 0, with_asn = 0, proxy_true = 0, proxy_known = 0;
    for (std::size_t event_idx = 0; event_idx < events.size(); ++event_idx) {
      const SigninEvent& event = events[event_idx];
      EXPECT_EQ(event.line, static_cast<std::int64_t>(event_idx) + 1);
      EXPECT_FALSE(event.event_type.empty()) << "line " << event.line;
      with_ip += event.ip_address.empty() ? 0 : 1;
      with_asn += event.as_number.has_value() ? 1 : 0;
      proxy_true += event.is_proxy.value_or(false) ? 1 : 0;
      proxy_known += event.is_proxy.has_value() ? 1 : 0;
    }
    EXPECT_EQ(with_ip, c.with_ip);
    EXPECT_EQ(with_asn, c.with_asn);
    EXPECT_EQ(proxy_true, c.proxy_true);
    EXPECT_EQ(proxy_known, c.proxy_known);
  }
}

TEST(SigninReader, ExtractsFieldsOfCamelCaseEvent) {
  IssueLog issues;
  const auto events = ReadOrDie(OktaFile("elastic-system-events.jsonl"), issues);
  ASSERT_EQ(events.size(), 20u);
  const SigninEvent& event = events[13];  // line 14
  EXPECT_EQ(event.line, 14);
  EXPECT_EQ(event.uuid, "faf7398a-4f77-11ea-97fb-5925e98228bd");
  EXPECT_EQ(event.event_type, "user.authentication.verify");
  EXPECT_EQ(event.published, "2022-05-11T09:27:08.708Z");
  EXPECT_EQ(event.published_unix, 1652261118 + 110);
  EXPECT_EQ(event.actor_login, "test1@test.com");
  EXPECT_EQ(event.actor_id, "00u1abvz4pYqdM8ms4x6");
  EXPECT_EQ(event.ip_address, "67.43.156.14");
  EXPECT_EQ(event.os, "Mac OS X (iPhone)");
  EXPECT_EQ(event.browser, "SAFARI");
  EXPECT_EQ(event.device, "Mobile");
  EXPECT_NE(event.user_agent.find("iPhone OS 15_4_1"), std::string::npos);
  EXPECT_EQ(event.geo_country, "United States");
  EXPECT_EQ(event.geo_state, "Virginia");
  EXPECT_EQ(event.geo_city, "Purcellville");
  EXPECT_DOUBLE_EQ(event.geo_latitude.value_or(0), 39.64);
  EXPECT_DOUBLE_EQ(event.geo_longitude.value_or(0), -77.8346);
  EXPECT_EQ(event.as_number, 7922);
  EXPECT_EQ(event.as_org, "comcast");
  EXPECT_EQ(event.isp, "comcast");
  EXPECT_EQ(event.domain, "comcast.net");
  EXPECT_EQ(event.is_proxy, false);
  EXPECT_EQ(event.outcome_result, "SUCCESS");
  EXPECT_EQ(event.outcome_reason, "");
  EXPECT_EQ(event.device_fingerprint, "541daf91d15bef64a7e08c946fd9a9d0");
  EXPECT_EQ(event.device_token_hash, "");
  EXPECT_NE(event.behaviors.find("New Device=NEGATIVE"), std::string::npos);
  EXPECT_EQ(events[14].device_token_hash, "751b157a5a24ed83129433243e8d42307434b047120c32d7a7f5a5d2d91726fa");
  EXPECT_NE(events[14].behaviors.find("Velocity=POSITIVE"), std::string::npos);

  // Line 11: client.ipAddress is the string "null"; line 20: everything under client is null.
  EXPECT_EQ(events[10].ip_address, "");
  EXPECT_EQ(events[10].geo_city, events[1].geo_city);
  const SigninEvent& system = events[19];
  EXPECT_EQ(system.actor_login, "system@okta.com");
  EXPECT_EQ(system.ip_address, "");
  EXPECT_EQ(system.user_agent, "");
  EXPECT_EQ(system.geo_country, "");
  EXPECT_FALSE(system.geo_latitude.has_value());
  EXPECT_FALSE(system.as_number.has_value());
  EXPECT_FALSE(system.is_proxy.has_value());
}

TEST(SigninReader, ExtractsFieldsOfLowerCaseKeyedEvents) {
  IssueLog issues;
  const auto events = ReadOrDie(OktaFile("panther-test-events.jsonl"), issues);
  ASSERT_EQ(events.size(), 66u);
  const SigninEvent& proxy = events[7];               // line 8: "Anonymizing Proxy Used"
  EXPECT_EQ(proxy.event_type, "user.session.start");  // key `eventtype`
  EXPECT_EQ(proxy.is_proxy, true);                    // under `securitycontext`
  EXPECT_EQ(proxy.as_number, 701);
  EXPECT_EQ(proxy.domain, "anonymous.org");
  EXPECT_EQ(proxy.actor_login, "homer.simpson@duff.com");
  EXPECT_EQ(proxy.outcome_result, "FAILURE");
  EXPECT_EQ(proxy.outcome_reason, "FastPass declined phishing attempt");
  EXPECT_EQ(proxy.published_unix, 1655921909);  // "2022-06-22 18:18:29.015", no offset: UTC
  EXPECT_DOUBLE_EQ(proxy.geo_latitude.value_or(0), 20.0);  // an integer in the JSON
  EXPECT_EQ(proxy.uuid, "AbC-123-XyZ");
  EXPECT_EQ(events[6].is_proxy, false);  // line 7, the rule's non-proxy case
  // Line 14: deviceFingerprint under `debugcontext.debugData`.
  EXPECT_EQ(events[13].device_fingerprint, "009988771ABC");
  EXPECT_EQ(events[13].as_org, "charter communications inc");
  // Line 5: nanosecond fraction; line 41: published is "redacted" (unknown, not an issue).
  EXPECT_EQ(events[4].published_unix, 1606339623);
  EXPECT_EQ(events[40].published, "redacted");
  EXPECT_FALSE(events[40].published_unix.has_value());
}

TEST(SigninReader, TrickyLines) {
  struct Case {
    const char* name;
    std::string line;
    SigninEvent expected;
  };
  auto event = [](auto fill) {
    SigninEvent expected;
    expected.line = 7;
    fill(expected);
    return expected;
  };
  const Case cases[] = {
      {"minimal object", "{}", event([](SigninEvent&) {})},
      {"key case mixed at every level",
       R"({"EventType":"user.session.start","ACTOR":{"AlternateID":"a@b.c"},)"
       R"("Client":{"IPADDRESS":"198.51.100.4","GeographicalContext":{"Country":"KP"}}})",
       event([](SigninEvent& e) {
         e.event_type = "user.session.start";
         e.actor_login = "a@b.c";
         e.ip_address = "198.51.100.4";
         e.geo_country = "KP";
       })},
      {"exact spelling wins over a case variant", R"({"eventtype":"lower","eventType":"exact"})",
       event([](SigninEvent& e) { e.event_type = "exact"; })},
      {"numbers and booleans as strings",
       R"({"securityContext":{"asNumber":"7922","isProxy":"TRUE"},)"
       R"("client":{"geographicalContext":{"geolocation":{"lat":"39.5","lon":"-77"}}}})",
       event([](SigninEvent& e) {
         e.as_number = 7922;
         e.is_proxy = true;
         e.geo_latitude = 39.5;
         e.geo_longitude = -77.0;
       })},
      {"AS prefix and false as string",
       R"({"securityContext":{"asNumber":"AS4837","isProxy":"false"}})", event([](SigninEvent& e) {
         e.as_number = 4837;
         e.is_proxy = false;
       })},
      {"null, \"null\" and wrong types are unknown",
       R"({"eventType":null,"actor":"null","client":{"ipAddress":"null","userAgent":null,)"
       R"("geographicalContext":{"geolocation":null,"city":["x"]}},)"
       R"("securityContext":{"asNumber":"n/a","isProxy":"maybe","asOrg":null}})",
       event([](SigninEvent&) {})},
      {"nested objects missing entirely", R"({"eventType":"x","securityContext":{}})",
       event([](SigninEvent& e) { e.event_type = "x"; })},
      {"published with offset and as UTC without", R"({"published":"2024-02-29T21:00:00+09:00"})",
       event([](SigninEvent& e) {
         e.published = "2024-02-29T21:00:00+09:00";
         e.published_unix = 1709208000;
       })},
      {"CRLF and BOM", "\xEF\xBB\xBF{\"uuid\":\"u-1\"}\r\n",
       event([](SigninEvent& e) { e.uuid = "u-1"; })},
      {"numbers become text where text is wanted",
       R"({"securityContext":{"asOrg":12,"isProxy":1}})", event([](SigninEvent& e) {
         e.as_org = "12";
         e.is_proxy = true;
       })},
      {"unicode escapes", R"({"client":{"geographicalContext":{"city":"Pyongyang \ud3c9\uc591"}}})",
       event([](SigninEvent& e) { e.geo_city = "Pyongyang 평양"; })},
      // Duplicate keys: the last of one spelling wins (as nlohmann-json overwrote); among case
      // variants without the exact spelling, the one sorting first bytewise.
      {"duplicate key, last wins", R"({"uuid":"first","uuid":"second"})",
       event([](SigninEvent& e) { e.uuid = "second"; })},
      {"case variants, bytewise first wins", R"({"eventtype":"lower","EVENTTYPE":"upper"})",
       event([](SigninEvent& e) { e.event_type = "upper"; })},
      {"duplicate nested object, last wins",
       R"({"securityContext":{"asOrg":"a"},"securityContext":{"isProxy":true}})",
       event([](SigninEvent& e) { e.is_proxy = true; })},
      {"floats and huge integers where text or flags are wanted",
       R"({"securityContext":{"asOrg":20.0,"asNumber":18446744073709551615,)"
       R"("isProxy":18446744073709551615}})",
       event([](SigninEvent& e) { e.as_org = "20.0"; })},
      {"integer beyond 64 bits elsewhere in the event",
       R"({"uuid":"big","debugContext":{"n":123456789012345678901234567890}})",
       event([](SigninEvent& e) { e.uuid = "big"; })},
      {"nesting deeper than 1024 elsewhere in the event",
       R"({"uuid":"deep","x":)" + std::string(1500, '[') + std::string(1500, ']') + "}",
       event([](SigninEvent& e) { e.uuid = "deep"; })},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    IssueLog issues;
    const auto parsed = ParseSigninLine(c.line, 7, "s.jsonl", issues);
    for (const Issue& issue : issues.issues()) ADD_FAILURE() << issue.ToString();
    ASSERT_TRUE(parsed.has_value());
    const SigninEvent& e = *parsed;
    const SigninEvent& x = c.expected;
    EXPECT_EQ(e.line, x.line);
    EXPECT_EQ(e.uuid, x.uuid);
    EXPECT_EQ(e.event_type, x.event_type);
    EXPECT_EQ(e.published, x.published);
    EXPECT_EQ(e.published_unix, x.published_unix);
    EXPECT_EQ(e.actor_login, x.actor_login);
    EXPECT_EQ(e.ip_address, x.ip_address);
    EXPECT_EQ(e.geo_country, x.geo_country);
    EXPECT_EQ(e.geo_city, x.geo_city);
    EXPECT_EQ(e.geo_latitude, x.geo_latitude);
    EXPECT_EQ(e.geo_longitude, x.geo_longitude);
    EXPECT_EQ(e.as_number, x.as_number);
    EXPECT_EQ(e.as_org, x.as_org);
    EXPECT_EQ(e.is_proxy, x.is_proxy);
  }
}

TEST(SigninReader, BadLinesAreIssues) {
  struct Case {
    const char* name;
    std::string line;
    std::string code;
    std::int64_t column;
  };
  const Case cases[] = {
      {"not JSON", "user.session.start 1.2.3.4", "BAD_JSON", 1},
      {"truncated object", R"({"eventType":"x")", "BAD_JSON", 17},
      {"trailing garbage", R"({"a":1} x)", "BAD_JSON", 9},
      {"array", R"([{"eventType":"x"}])", "NOT_AN_OBJECT", 1},
      {"string", R"("hello")", "NOT_AN_OBJECT", 1},
      {"invalid UTF-8", "{\"uuid\":\"a\xff\"}", "INVALID_UTF8", 11},
      {"number too large", R"({"n":1e999})", "BAD_JSON", 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    IssueLog issues;
    EXPECT_FALSE(ParseSigninLine(c.line, 3, "s.jsonl", issues).has_value());
    ASSERT_EQ(issues.size(), 1u);
    const Issue& issue = issues.issues()[0];
    EXPECT_EQ(issue.code, c.code);
    EXPECT_EQ(issue.line, 3);
    EXPECT_EQ(issue.file, "s.jsonl");
    if (c.column > 0) {
      EXPECT_EQ(issue.column, c.column) << issue.message;
    }
    EXPECT_EQ(issue.severity, IssueSeverity::kRowSkipped);
  }
  IssueLog issues;
  EXPECT_FALSE(ParseSigninLine("  \t", 1, "s.jsonl", issues).has_value());
  EXPECT_TRUE(issues.empty());
}

TEST(SigninReader, DeepNestingDoesNotCrash) {
  const std::string deep = "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  IssueLog issues;
  EXPECT_TRUE(ParseSigninLine(deep, 1, "s.jsonl", issues).has_value());
}

TEST(SigninReader, NdjsonFileSkipsBlankAndBadLines) {
  internal::TestDir dir;
  const auto path = dir.Write("s.jsonl",
                              "\xEF\xBB\xBF{\"uuid\":\"1\"}\n"
                              "\n"
                              "   \r\n"
                              "not json\n"
                              "{\"uuid\":\"2\"}\r\n"
                              "[1]\n"
                              "{\"uuid\":\"3\"}");  // no final newline
  IssueLog issues;
  const auto events = ReadOrDie(path, issues);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].uuid, "1");
  EXPECT_EQ(events[1].uuid, "2");
  EXPECT_EQ(events[1].line, 5);
  EXPECT_EQ(events[2].uuid, "3");
  EXPECT_EQ(events[2].line, 7);
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues.issues()[0].code, "BAD_JSON");
  EXPECT_EQ(issues.issues()[0].line, 4);
  EXPECT_EQ(issues.issues()[1].code, "NOT_AN_OBJECT");
  EXPECT_EQ(issues.issues()[1].line, 6);
}

TEST(SigninReader, LinesEndingInALoneCarriageReturnAreLines) {
  // A classic-Mac / some exporters' file: every line ends in CR alone. Read line by line (it
  // used to be one bad line: 0 events, no error).
  internal::TestDir dir;
  std::string text;
  for (int event = 1; event <= 160; ++event) text += "{\"uuid\":\"e" + std::to_string(event) + "\"}\r";
  text += "not json\r{\"uuid\":\"last\"}";
  IssueLog issues;
  const auto events = ReadOrDie(dir.Write("cr.jsonl", text), issues);
  ASSERT_EQ(events.size(), 161u);
  EXPECT_EQ(events[0].uuid, "e1");
  EXPECT_EQ(events[159].line, 160);
  EXPECT_EQ(events[160].uuid, "last");
  EXPECT_EQ(events[160].line, 162);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues.issues()[0].line, 161);
}

TEST(SigninReader, ArrayFiles) {
  struct Case {
    const char* name;
    std::string content;
    std::vector<std::string> uuids;
    std::vector<std::int64_t> lines;
    std::vector<std::string> issue_codes;
  };
  const Case cases[] = {
      {"one-line array", R"([{"uuid":"a"},{"uuid":"b"}])", {"a", "b"}, {1, 1}, {}},
      {"pretty-printed array",
       "\n[\n  {\n    \"uuid\": \"a\",\n    \"x\": \"]}[{,\"\n  },\n  {\"uuid\": \"b\"}\n]\n",
       {"a", "b"},
       {3, 7},
       {}},
      {"two pages one after another",
       "[{\"uuid\":\"a\"}]\n[{\"uuid\":\"b\"}]\n",
       {"a", "b"},
       {1, 2},
       {}},
      {"empty array", "[]", {}, {}, {}},
      {"bad element skipped",
       "[{\"uuid\":\"a\"}, 42, {\"uuid\":\"c\"}]",
       {"a", "c"},
       {1, 1},
       {"NOT_AN_OBJECT"}},
      {"escaped quote in a string", R"([{"uuid":"a\"]"},{"uuid":"b"}])", {"a\"]", "b"}, {1, 1}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    internal::TestDir dir;
    IssueLog issues;
    const auto events = ReadOrDie(dir.Write("s.json", c.content), issues);
    std::vector<std::string> uuids;
    std::vector<std::int64_t> lines;
    for (const auto& event : events) {
      uuids.push_back(event.uuid);
      lines.push_back(event.line);
    }
    EXPECT_EQ(uuids, c.uuids);
    EXPECT_EQ(lines, c.lines);
    std::vector<std::string> codes;
    for (const auto& issue : issues.issues()) codes.push_back(issue.code);
    EXPECT_EQ(codes, c.issue_codes);
  }
}

// ReadSignins reads NDJSON in 4 MiB chunks: lines longer than a chunk must still parse when
// within the limit, and be counted (not buffered) when beyond it.
TEST(SigninReader, LinesLongerThanTheReadChunk) {
  const std::string long_value(5u << 20, 'x');  // 5 MiB
  const std::string long_event = "{\"uuid\":\"long\",\"pad\":\"" + long_value + "\"}";
  struct Case {
    const char* name;
    std::size_t max_bytes;
    std::vector<std::string> uuids;
    std::vector<std::int64_t> lines;
    std::vector<std::string> issue_codes;
  };
  const Case cases[] = {
      {"within the limit", 8u << 20, {"a", "long", "b"}, {1, 2, 3}, {}},
      {"beyond the limit", 1u << 20, {"a", "b"}, {1, 3}, {"LINE_TOO_LONG"}},
  };
  internal::TestDir dir;
  const auto path =
      dir.Write("l.jsonl", "{\"uuid\":\"a\"}\n" + long_event + "\r\n{\"uuid\":\"b\"}\n");
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    IssueLog issues;
    auto events = ReadSignins(path, ReadOptions{.max_field_bytes = c.max_bytes}, issues);
    ASSERT_TRUE(events.has_value());
    std::vector<std::string> uuids;
    std::vector<std::int64_t> lines;
    for (const auto& event : *events) {
      uuids.push_back(event.uuid);
      lines.push_back(event.line);
    }
    EXPECT_EQ(uuids, c.uuids);
    EXPECT_EQ(lines, c.lines);
    std::vector<std::string> codes;
    for (const auto& issue : issues.issues()) {
      codes.push_back(issue.code);
      EXPECT_EQ(issue.line, 2);
      // The size excludes the '\r', as when lines were read with std::getline.
      EXPECT_NE(issue.message.find(std::to_string(long_event.size()) + " bytes"),
                std::string::npos)
          << issue.message;
    }
    EXPECT_EQ(codes, c.issue_codes);
  }
}

// EventFields lists every field of an event, for comparing two events whole.
auto EventFields(const SigninEvent& event) {
  return std::tuple(event.line, event.uuid, event.event_type, event.published, event.published_unix,
                    event.actor_login, event.actor_id, event.ip_address, event.user_agent, event.os,
                    event.browser, event.device, event.geo_country, event.geo_state, event.geo_city,
                    event.geo_latitude, event.geo_longitude, event.as_number, event.as_org, event.isp,
                    event.domain, event.is_proxy, event.outcome_result, event.outcome_reason,
                    event.device_fingerprint, event.device_token_hash, event.behaviors);
}

// ParseSigninLineInto must leave nothing of the previous line behind: every sample line, in
// file order and reversed (so fields present on one line are absent on the next), parsed into
// one reused event equals ParseSigninLine's fresh event; bad and blank lines behave the same.
TEST(SigninReader, ParseIntoAReusedEventEqualsAFreshParse) {
  for (const char* name : {"elastic-system-events.jsonl", "elastic-sample-logs.jsonl", "panther-test-events.jsonl"}) {
    SCOPED_TRACE(name);
    std::ifstream in(OktaFile(name));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    lines.push_back("");
    lines.push_back("{\"uuid\": \"broken\",");
    lines.push_back("[1, 2]");
    ASSERT_GT(lines.size(), 3u);
    for (const bool reversed : {false, true}) {
      SCOPED_TRACE(reversed ? "reversed" : "in order");
      std::vector<std::string> order = lines;
      if (reversed) std::reverse(order.begin(), order.end());
      SigninEvent reused;
      for (std::size_t line_idx = 0; line_idx < order.size(); ++line_idx) {
        SCOPED_TRACE(order[line_idx].substr(0, 60));
        const auto number = static_cast<std::int64_t>(line_idx) + 1;
        IssueLog fresh_issues, reused_issues;
        const std::optional<SigninEvent> fresh = ParseSigninLine(order[line_idx], number, name, fresh_issues);
        const bool parsed = ParseSigninLineInto(order[line_idx], number, name, reused_issues, reused);
        ASSERT_EQ(parsed, fresh.has_value());
        if (parsed) {
          EXPECT_TRUE(EventFields(reused) == EventFields(*fresh));
        }
        ASSERT_EQ(reused_issues.size(), fresh_issues.size());
        for (std::size_t issue_idx = 0; issue_idx < fresh_issues.size(); ++issue_idx) {
          EXPECT_EQ(reused_issues.issues()[issue_idx].ToString(), fresh_issues.issues()[issue_idx].ToString());
        }
      }
    }
  }
}

TEST(SigninReader, UpstreamElasticArrayMatchesItsNdjsonCopy) {
  // The README says elastic-sample-logs.jsonl was a one-line JSON array upstream; rebuild that
  // array and check both layouts give the same events.
  IssueLog issues;
  const auto ndjson = ReadOrDie(OktaFile("elastic-sample-logs.jsonl"), issues);
  std::ifstream in(OktaFile("elastic-sample-logs.jsonl"));
  std::string array = "[", line;
  while (std::getline(in, line)) array += (array.size() > 1 ? "," : "") + line;
  array += "]";
  internal::TestDir dir;
  const auto events = ReadOrDie(dir.Write("okta-system.json.log", array), issues);
  EXPECT_TRUE(issues.empty());
  ASSERT_EQ(events.size(), 3u);
  ASSERT_EQ(ndjson.size(), 3u);
  for (std::size_t event_idx = 0; event_idx < events.size(); ++event_idx) {
    EXPECT_EQ(events[event_idx].uuid, ndjson[event_idx].uuid);
    EXPECT_EQ(events[event_idx].ip_address, "108.255.197.247");
    EXPECT_EQ(events[event_idx].published_unix, ndjson[event_idx].published_unix);
  }
}

TEST(SigninReader, FileErrors) {
  internal::TestDir dir;
  struct Case {
    const char* name;
    std::filesystem::path path;
    ReadOptions options;
    ErrorCode code;
    std::string message_part;
  };
  const Case cases[] = {
      {"missing", dir.path() / "none.jsonl", {}, ErrorCode::kNotFound, "none.jsonl"},
      {"directory", dir.path(), {}, ErrorCode::kInvalidInput, "directory"},
      {"truncated array",
       dir.Write("t.json", "[{\"uuid\":\"a\"},\n{\"uuid\":"),
       {},
       ErrorCode::kInvalidInput,
       "t.json:1: JSON array opened here never closes"},
      {"strict: bad line",
       dir.Write("b.jsonl", "{}\n{oops}\n"),
       {.strict = true},
       ErrorCode::kInvalidInput,
       "b.jsonl:2:2: BAD_JSON"},
      {"strict: long line",
       dir.Write("l.jsonl", "{\"a\":\"" + std::string(50, 'x') + "\"}\n"),
       {.strict = true, .max_field_bytes = 40},
       ErrorCode::kInvalidInput,
       ":1: LINE_TOO_LONG"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    IssueLog issues;
    auto events = ReadSignins(c.path, c.options, issues);
    ASSERT_FALSE(events.has_value());
    EXPECT_EQ(events.error().code(), c.code);
    EXPECT_NE(events.error().message().find(c.message_part), std::string::npos)
        << events.error().message();
  }
}


// ---- fast path against DOM (internal/signin_parsers.h) -----------------------------------------

std::vector<std::string> RealSampleLines() {
  std::vector<std::string> lines;
  for (const char* name : {"elastic-system-events.jsonl", "elastic-sample-logs.jsonl", "panther-test-events.jsonl"}) {
    std::ifstream in(OktaFile(name));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  return lines;
}

// ExpectSameAsDom parses `line` through both paths (each into a reused event) and expects the
// same result, event and Issues.
void ExpectSameAsDom(const std::string& line, SigninEvent& auto_event, SigninEvent& dom_event) {
  IssueLog auto_issues, dom_issues;
  const bool auto_parsed = internal::ParseSigninLineWith(internal::SigninParser::kAuto, line, 5,
                                                         "s.jsonl", auto_issues, auto_event);
  const bool dom_parsed = internal::ParseSigninLineWith(internal::SigninParser::kDomOnly, line, 5,
                                                        "s.jsonl", dom_issues, dom_event);
  ASSERT_EQ(auto_parsed, dom_parsed);
  if (auto_parsed) {
    EXPECT_TRUE(EventFields(auto_event) == EventFields(dom_event));
  }
  ASSERT_EQ(auto_issues.size(), dom_issues.size());
  for (std::size_t issue_idx = 0; issue_idx < dom_issues.size(); ++issue_idx) {
    EXPECT_EQ(auto_issues.issues()[issue_idx].ToString(), dom_issues.issues()[issue_idx].ToString());
  }
}

// The fast path must read every real sample itself (else it buys nothing): all but the few
// lines with a backslash, which go to the DOM path by design.
TEST(SigninReaderFastPath, SettlesEveryRealSampleWithoutEscapes) {
  const std::vector<std::string> lines = RealSampleLines();
  ASSERT_GT(lines.size(), 80u);
  std::size_t settled = 0;
  for (const std::string& line : lines) {
    SCOPED_TRACE(line.substr(0, 80));
    const bool has_escape = line.find('\\') != std::string::npos;
    EXPECT_EQ(internal::FastPathSettles(line), !has_escape);
    settled += internal::FastPathSettles(line) ? 1 : 0;
  }
  EXPECT_GE(settled, lines.size() - 6);
}

// The fast path checks the grammar itself instead of simdjson's stage 2: a line broken only in
// a field the event never reads must still be the DOM's BAD_JSON (same column and message),
// never an event.
TEST(SigninReaderFastPath, BrokenUnreadFieldsAreStillBadJson) {
  const std::string head =
      R"({"actor":{"alternateId":"a@x.com","id":"00u1","type":"User"},)"
      R"("authenticationContext":{"authenticationStep":0,"externalSessionId":"102a"},)"
      R"("client":{"ipAddress":"81.2.69.160","geographicalContext":{"city":"Austin"}},)"
      R"("debugContext":{"debugData":{"requestUri":"/api/v1/authn",)";
  const std::string tail =
      R"(}},"eventType":"user.session.start","published":"2024-06-01T10:00:00.000Z",)"
      R"("securityContext":{"asNumber":7922,"isProxy":false},"uuid":"u-1","version":"0"})";
  // The unbroken line is a valid event that the fast path settles.
  ASSERT_TRUE(internal::FastPathSettles(head + R"("n":1)" + tail));
  struct Case {
    const char* name;
    std::string inside_debug_data;  // replaces `"n":1`
  };
  const Case cases[] = {
      {"leading zero", R"("n":01)"},
      {"lone minus", R"("n":-)"},
      {"no digit after the point", R"("n":1.)"},
      {"no digit in the exponent", R"("n":1e)"},
      {"no digit before the point", R"("n":.5)"},
      {"plus sign", R"("n":+1)"},
      {"hex", R"("n":0x1F)"},
      {"two points", R"("n":1.5.2)"},
      {"number then letters", R"("n":12ab)"},
      {"number too large for a double", R"("n":1e999)"},
      {"missing colon", R"("n" 1)"},
      {"double colon", R"("n"::1)"},
      {"missing comma between fields", R"("n":1 "m":2)"},
      {"missing comma between elements", R"("n":[1 2])"},
      {"trailing comma in an object", R"("n":{"a":1,})"},
      {"trailing comma in an array", R"("n":[1,])"},
      {"leading comma in an array", R"("n":[,1])"},
      {"key not a string", R"("n":{1:2})"},
      {"key without value", R"("n":{"a"})"},
      {"bracket mismatch", R"("n":[1})"},
      {"misspelled true", R"("n":tru)"},
      {"misspelled false", R"("n":fals)"},
      {"misspelled null", R"("n":nul)"},
      {"null with a tail", R"("n":nulls)"},
      {"true with a tail", R"("n":truex)"},
      {"bare word", R"("n":yes)"},
      {"single-quoted string", R"("n":'x')"},
      {"unescaped control character", "\"n\":\"a\x01z\""},
      {"unknown escape", R"("n":"a\qz")"},
      {"short unicode escape", R"("n":"\u12")"},
      {"string then letters", R"("n":"x"y)"},
      {"missing value", R"("n":)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string line = head + c.inside_debug_data + tail;
    EXPECT_FALSE(internal::FastPathSettles(line));
    IssueLog issues;
    EXPECT_FALSE(ParseSigninLine(line, 3, "s.jsonl", issues).has_value());
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues.issues()[0].code, "BAD_JSON");
    SigninEvent auto_event, dom_event;
    ExpectSameAsDom(line, auto_event, dom_event);
  }
  // Whole-line breakage around a valid event.
  const std::string valid = head + R"("n":1)" + tail;
  for (const std::string& line : {valid + "}", valid + R"({"uuid":"2"})", valid + " 1",
                                  valid.substr(0, valid.size() - 1), "{" + valid.substr(1) + "]"}) {
    SCOPED_TRACE(line.substr(line.size() - 20));
    EXPECT_FALSE(internal::FastPathSettles(line));
    SigninEvent auto_event, dom_event;
    ExpectSameAsDom(line, auto_event, dom_event);
  }
}

// Read values must mean the same on both paths, whatever their type: numbers at the edges of
// int64/uint64/double, -0, exponents, null, containers and keys in other cases or given twice
// (which the fast path leaves to the DOM).
TEST(SigninReaderFastPath, ReadValuesAgreeWithTheDom) {
  const std::vector<std::string> values = {
      "0", "-0", "-0.0", "1.0", "1e2", "1E+2", "2.5e-3", "7922", "-7922", "9223372036854775807",
      "-9223372036854775808", "9223372036854775808", "18446744073709551615", "18446744073709551616",
      "123456789012345678901234567890", "1.7976931348623157e308", "4.9e-324", "true", "false",
      "null", R"("null")", R"(" NULL ")", R"("AS7922")", R"("true")", R"(" 12.5 ")", "{}",
      R"({"a":1})", "[]", "[1,2]", R"("")", R"("é")"};
  const std::vector<std::string> templates = {
      R"({"uuid":@,"eventType":@,"published":@})",
      R"({"actor":{"alternateId":@,"id":@},"client":{"ipAddress":@,"device":@}})",
      R"({"client":{"geographicalContext":{"country":@,"geolocation":{"lat":@,"lon":@}}}})",
      R"({"securityContext":{"asNumber":@,"asOrg":@,"isp":@,"domain":@,"isProxy":@}})",
      R"({"outcome":{"result":@,"reason":@},"debugContext":{"debugData":{"deviceFingerprint":@}}})",
      R"({"debugContext":{"debugData":{"dtHash":@,"behaviors":@,"DTHASH":@}}})",
      R"({"SECURITYCONTEXT":{"ASNUMBER":@},"securitycontext":{"isproxy":@}})",
      R"({"securityContext":{"asNumber":@,"asnumber":@,"AsNumber":@}})",
      R"({"client":{"ipAddress":@},"client":{"device":@}})",
      R"({"uuid":@,"uuid":@})",
      // White space around keys and colons, and keys one byte off a wanted one.
      "{ \"uuid\" : @ ,\t\"eventType\"\t:\t@ , \"client\" : { \"ipAddress\"  :@ } }",
      R"({"uuidx":@,"uui":@,"client":{"ipAddres":@,"ipAddressx":@,"device":"d"}})",
  };
  SigninEvent auto_event, dom_event;
  for (const std::string& form : templates) {
    for (const std::string& value : values) {
      std::string line;
      for (const char c : form) line += c == '@' ? value : std::string(1, c);
      SCOPED_TRACE(line);
      ExpectSameAsDom(line, auto_event, dom_event);
    }
  }
}

// Random damage to the real samples: whatever a deleted, inserted or replaced byte does, both
// paths must agree (most mutated lines become BAD_JSON; those inside strings stay events).
TEST(SigninReaderFastPath, MutatedRealLinesAgreeWithTheDom) {
  const std::vector<std::string> lines = RealSampleLines();
  const std::string alphabet = "{}[],:\"0123456789-+.eEtrufalsn \\\x01xZ";
  std::mt19937 random(20240601);
  std::size_t settled = 0, rejected = 0;
  SigninEvent auto_event, dom_event;
  for (const std::string& original : lines) {
    for (int mutation = 0; mutation < 60; ++mutation) {
      std::string line = original;
      const std::size_t pos = random() % line.size();
      const char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0: line.erase(pos, 1); break;
        case 1: line.insert(pos, 1, c); break;
        default: line[pos] = c; break;
      }
      SCOPED_TRACE(line);
      ExpectSameAsDom(line, auto_event, dom_event);
      if (internal::FastPathSettles(line)) ++settled;
      IssueLog issues;
      if (!ParseSigninLine(line, 1, "s.jsonl", issues)) ++rejected;
    }
  }
  // Both outcomes must be well represented for the comparison to mean something.
  EXPECT_GT(settled, lines.size() * 10);
  EXPECT_GT(rejected, lines.size() * 10);
}

}  // namespace
}  // namespace crosscheck::ingest
