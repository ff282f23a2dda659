// What the HTTP(S) services of this module (HubServer, CompanyServer) share on top of
// cpp-httplib: JSON error bodies with stable UPPER_SNAKE codes, the ErrorCode -> HTTP status
// table, TLS set-up, binding, bearer tokens, and guarded handlers that turn any exception into a
// JSON 500 instead of a crash. Not part of the module's interface (it exposes httplib).
//
//   CC_ASSIGN_OR_RETURN(std::unique_ptr<httplib::Server> http, MakeServer(cert, key));
//   http->Get("/healthz", Guarded([](const auto& req, auto& res) { ... }, on_internal_error));
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "crosscheck/common/error.h"

namespace crosscheck::serve::internal {

// NowIso returns the current UTC time as ISO 8601 ("2026-12-06T17:00:00Z").
std::string NowIso();

// IsoTime renders a time point as NowIso does (whole seconds, UTC).
std::string IsoTime(std::chrono::system_clock::time_point when);

// JsonText renders `json` compactly with a final newline. Strings that are not valid UTF-8 (an
// applicant's bytes quoted in a message) are written with U+FFFD in place of the bad bytes
// instead of throwing.
std::string JsonText(const nlohmann::json& json);

// kMaxJsonDepth is how deeply a request's JSON may nest; deeper bodies are refused before they
// are parsed (each level is a heap object: a 64 MiB body of '[' would take gigabytes).
inline constexpr int kMaxJsonDepth = 32;

// JsonNestsDeeperThan tells whether `text` opens more than `limit` arrays or objects inside one
// another (brackets inside strings do not count). Linear, no allocation.
bool JsonNestsDeeperThan(std::string_view text, int limit);

// SendError answers `status` with {"error": {"code": code, "message": message}}. API error
// codes are part of the HTTP API: UPPER_SNAKE, never renamed.
void SendError(httplib::Response& res, int status, const char* code, const std::string& message);

// SendTaxiiError answers with a TAXII error resource (section 3.6.1) in the TAXII media type
// (taxii.h); `code` (the API's UPPER_SNAKE code) is its title. What SendError is under /taxii2/.
void SendTaxiiError(httplib::Response& res, int status, const char* code, const std::string& message);

// StatusFor maps an ErrorCode to HTTP as common/error.h's table does (400, 404, 503, 500).
int StatusFor(ErrorCode code);

// CodeFor is the API error code of a failed operation: UNAVAILABLE for kUnavailable, INTERNAL
// for the rest of the 5xx, INVALID_INPUT and NOT_FOUND for the 4xx.
const char* CodeFor(ErrorCode code);

// MakeServer returns a plain server, or an SSLServer (TLS 1.2+) loaded with the PEM certificate
// chain and unencrypted key. Errors: kInvalidInput when only one is given or either cannot be
// loaded (the file is named).
Result<std::unique_ptr<httplib::Server>> MakeServer(const std::string& cert, const std::string& key);

// BindServer listens on host:port; port 0 picks a free port. Returns the bound port.
// Errors: kUnavailable when the address is in use or cannot be bound.
Result<int> BindServer(httplib::Server& http, const std::string& host, int port);

// RunServer serves on a bound server until it is stopped. Errors: kInternal if it fails to run.
Status RunServer(httplib::Server& http);

// WaitUntilRunning blocks until the server's accept loop runs.
void WaitUntilRunning(const httplib::Server& http);

// BearerTokenSha256 returns the SHA-256 (hex) of the request's bearer token, or nullopt when
// there is no `Authorization: Bearer <token>` header.
std::optional<std::string> BearerTokenSha256(const httplib::Request& req);

// Guarded wraps a handler: an exception becomes a 500 INTERNAL JSON answer and is passed to
// `on_internal_error` (for the audit log), never a crash.
httplib::Server::Handler Guarded(httplib::Server::Handler handler,
                                 std::function<void(const std::string& what)> on_internal_error);

// InstallJsonErrors gives the answers httplib makes itself a JSON body: 413 PAYLOAD_TOO_LARGE
// (over `max_body_bytes`; `on_too_large` is told first), 404 NOT_FOUND for an unknown path,
// BAD_REQUEST otherwise; and an exception escaping a handler becomes 500 INTERNAL. Under
// /taxii2/ the body is a TAXII error resource instead (SendTaxiiError).
void InstallJsonErrors(httplib::Server& http, std::size_t max_body_bytes,
                       std::function<void(const httplib::Request& req)> on_too_large);

}  // namespace crosscheck::serve::internal
