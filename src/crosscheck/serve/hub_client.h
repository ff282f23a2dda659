// The member's side of the hub API (`crosscheck share push` and `share pull`).
//
//   CC_ASSIGN_OR_RETURN(std::string token, ReadTokenFile("acme.token"));
//   CC_ASSIGN_OR_RETURN(PushReply reply, PushSubmission("http://hub:8080", token, bytes));
//   CC_ASSIGN_OR_RETURN(PulledFindings findings, PullFindings("https://hub:8443", token, "ca.pem"));
//
// https:// URLs verify the hub's certificate (and host name) against the system's trusted CAs,
// or only against `ca_file` (PEM) when it is given: a private CA or a self-signed certificate.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "crosscheck/common/error.h"

namespace crosscheck::serve {

// ReadTokenFile reads a bearer token (surrounding whitespace removed), with the checks of
// share::ReadSecretFile. Errors: kNotFound when missing; kInvalidInput when not a regular file,
// readable or writable by group or others (mode & 077), over 4096 bytes, empty, or holding
// whitespace or control characters inside.
Result<std::string> ReadTokenFile(const std::filesystem::path& path);

// PushReply is the hub's answer to an accepted push (stored; the match follows).
struct PushReply {
  std::string company_id;
  std::int64_t version = 0;
  std::int64_t records = 0;
};

// PushSubmission posts the bytes of a .ccsub file to `hub_url` (http:// or https://host:port).
// Errors: kUnavailable when the hub cannot be reached or answers 5xx other than 500 (retry);
// kInvalidInput for a bad URL, a `ca_file` with an http:// URL or that cannot be loaded, a hub
// certificate that could not be verified, or a 400/401/403/413 answer (the hub's message);
// kInternal for a 500 or an answer that is not the documented JSON.
Result<PushReply> PushSubmission(const std::string& hub_url, const std::string& token, const std::string& bytes,
                                 const std::string& ca_file = "");

// PulledFindings is the member's latest findings and how current they are.
struct PulledFindings {
  std::string json;
  std::int64_t version = 0;             // the findings' version (X-Findings-Version)
  std::int64_t submission_version = 0;  // the submission they were matched from
  bool match_pending = false;           // a newer submission awaits its match
};

// PullFindings returns the member's latest findings. With `wait` > 0 it polls (every second)
// until they are matched from the member's latest submission or `wait` has passed, and returns
// the latest it got. Errors as PushSubmission, plus kNotFound when the hub has no findings for
// the member yet (404; after `wait` when its first match is pending).
Result<PulledFindings> PullFindings(const std::string& hub_url, const std::string& token, const std::string& ca_file = "",
                                    std::chrono::seconds wait = std::chrono::seconds{0});

}  // namespace crosscheck::serve
