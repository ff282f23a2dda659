// Sign-in events from an identity provider: Okta System Log events (shared/spec/DATA.md,
// signins.jsonl) parsed into SigninEvents. Real exports are messy, so parsing is forgiving:
// keys match ASCII case-insensitively at every level (Panther's copies write `eventtype`,
// `securitycontext`), JSON null and the string "null" mean unknown, nested objects may be
// missing or null, numbers may be strings ("7922", "AS7922"), isProxy may be a bool or
// "true"/"false", and `published` without an offset is read as UTC (Okta publishes UTC; some
// pipelines drop the Z). A value of an unexpected type is unknown, not an issue.
//
//   IssueLog issues;
//   CC_ASSIGN_OR_RETURN(std::vector<SigninEvent> events,
//                       ReadSignins("in/signins.jsonl", ReadOptions{}, issues));
//   // or, for a streaming monitor, one line at a time:
//   if (auto event = ParseSigninLine(line, line_number, "signins.jsonl", issues)) Use(*event);
//
// Issue codes (stable; all kRowSkipped, the event is not used):
//   INVALID_UTF8   the line is not well-formed UTF-8 (column = first bad byte)
//   BAD_JSON       the line is not valid JSON (column = byte where the parser stopped)
//   NOT_AN_OBJECT  the line is valid JSON but not an object (e.g. a bare string or number)
//   LINE_TOO_LONG  the line is longer than ReadOptions::max_field_bytes (ReadSignins only)
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/ingest/read_options.h"

namespace crosscheck::ingest {

// ParseSigninLine parses one JSON object (one NDJSON line, without or with its line break)
// into a SigninEvent with line = line_number. Returns nullopt for a blank line (no Issue) and
// for a bad line (one Issue naming `file`, line_number and a column). Pure apart from the
// IssueLog; safe to call from several threads with separate logs. Parses with simdjson's stage 1
// and a grammar-checking walk over its tokens that reads only the wanted values (a line with an
// escape, a wanted key given twice, or any doubt goes to simdjson's DOM; a line the DOM rejects
// is re-read by nlohmann-json, which words the Issue), through one parser per thread kept for
// the thread's life (its buffers grow to the longest line seen). About 1.1 µs per 1.8 KB event
// (docs/PERFORMANCE.md, "Post-hire monitoring").
std::optional<SigninEvent> ParseSigninLine(std::string_view line, std::int64_t line_number,
                                           const std::string& file, IssueLog& issues);

// ParseSigninLineInto is ParseSigninLine into an existing event, for streaming readers: on
// true every field of *event is set from the line (its strings' buffers are reused, so a
// reader that keeps one SigninEvent allocates nothing per line); on false (blank or bad line,
// with the same Issue as ParseSigninLine) *event is unspecified.
bool ParseSigninLineInto(std::string_view line, std::int64_t line_number, const std::string& file,
                         IssueLog& issues, SigninEvent& event);

// ReadSignins reads a whole sign-in file in one of two layouts, chosen by its first
// non-blank byte: NDJSON (one event per line, blank lines skipped silently, a UTF-8 BOM
// allowed), or, when it starts with '[', one JSON array of events as Okta's API returns it
// (several arrays one after another are accepted too); an array element's `line` is the line
// where it starts. Bad lines/elements are skipped with an Issue. Errors: kNotFound (no such
// file), kInvalidInput (a directory, unreadable, an array whose brackets or strings never
// close, or with options.strict the first Issue). Events come back in file order. NDJSON is
// read in 4 MiB chunks; an array file is read whole.
Result<std::vector<SigninEvent>> ReadSignins(const std::filesystem::path& path,
                                             const ReadOptions& options, IssueLog& issues);

}  // namespace crosscheck::ingest
