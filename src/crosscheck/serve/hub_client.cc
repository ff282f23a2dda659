#include "crosscheck/serve/hub_client.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/x509.h>

#include "crosscheck/share/key_file.h"

namespace crosscheck::serve {
namespace {

using Json = nlohmann::json;

// A push is answered once stored (the match runs afterwards); the margin is for a slow store.
constexpr int kConnectTimeoutSeconds = 10;
constexpr int kReadTimeoutSeconds = 120;

Result<std::unique_ptr<httplib::Client>> ClientFor(const std::string& hub_url, const std::string& ca_file) {
  const bool https = hub_url.starts_with("https://");
  if (!https && !hub_url.starts_with("http://")) {
    return InvalidInput("--hub " + hub_url + ": expected http://HOST:PORT or https://HOST:PORT");
  }
  if (!https && !ca_file.empty()) {
    return InvalidInput("--ca-file " + ca_file + " applies only to an https:// hub, not " + hub_url);
  }
  if (!ca_file.empty()) {
    std::ifstream probe(ca_file);
    if (!probe) return InvalidInput("--ca-file " + ca_file + ": cannot open the CA certificate file");
  }
  auto client = std::make_unique<httplib::Client>(hub_url);
  if (!client->is_valid()) return InvalidInput("--hub " + hub_url + ": not a valid URL");
  if (https) {
    client->enable_server_certificate_verification(true);
    if (!ca_file.empty()) client->set_ca_cert_path(ca_file);
  }
  client->set_connection_timeout(kConnectTimeoutSeconds, 0);
  client->set_read_timeout(kReadTimeoutSeconds, 0);
  client->set_write_timeout(kReadTimeoutSeconds, 0);
  return client;
}

// ServerMessage returns the message of the hub's JSON error, or the body itself.
std::string ServerMessage(const httplib::Response& res) {
  const Json body = Json::parse(res.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    const Json& error = body["error"];
    return error.value("code", std::string("ERROR")) + ": " + error.value("message", std::string());
  }
  return res.body.empty() ? "HTTP " + std::to_string(res.status) : res.body;
}

// Check turns a transport failure or an answer other than 200/202 into an Error.
Status Check(const httplib::Result& result, const httplib::Client& client, const std::string& hub_url,
             const std::string& ca_file) {
  if (!result && result.error() == httplib::Error::SSLServerVerification) {
    const long verify = client.get_openssl_verify_result();
    std::string reason = verify != X509_V_OK ? X509_verify_cert_error_string(verify) : "the host name does not match";
    return InvalidInput("the hub's TLS certificate could not be verified (" + hub_url + ": " + reason + ")" +
                        (ca_file.empty() ? "; pass --ca-file with the hub's CA certificate if it uses a private CA"
                                         : "; it is not signed by --ca-file " + ca_file));
  }
  if (!result && result.error() == httplib::Error::SSLLoadingCerts) {
    return InvalidInput("cannot load the trusted CA certificates" + (ca_file.empty() ? std::string() : " from --ca-file " + ca_file));
  }
  if (!result) {
    return std::unexpected(Error(ErrorCode::kUnavailable,
                                 "cannot reach the hub at " + hub_url + ": " + httplib::to_string(result.error())));
  }
  const int status = result->status;
  if (status == 200 || status == 202) return Ok();
  const std::string message = "the hub answered " + std::to_string(status) + ": " + ServerMessage(*result);
  if (status == 404) return NotFound(message);
  if (status == 500) return Internal(message);
  if (status >= 500) return std::unexpected(Error(ErrorCode::kUnavailable, message));
  return InvalidInput(message);
}

httplib::Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

}  // namespace

Result<std::string> ReadTokenFile(const std::filesystem::path& path) {
  CC_ASSIGN_OR_RETURN(std::string token, share::ReadSecretFile(path, "token file", "one bearer token"));
  const auto not_space = [](unsigned char c) { return std::isspace(c) == 0; };
  token.erase(token.begin(), std::find_if(token.begin(), token.end(), not_space));
  token.erase(std::find_if(token.rbegin(), token.rend(), not_space).base(), token.end());
  if (token.empty()) return InvalidInput(path.string() + ": the token file is empty");
  if (std::any_of(token.begin(), token.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; })) {
    return InvalidInput(path.string() + ": the token holds whitespace or control characters");
  }
  return token;
}

Result<PushReply> PushSubmission(const std::string& hub_url, const std::string& token, const std::string& bytes,
                                 const std::string& ca_file) {
  CC_ASSIGN_OR_RETURN(std::unique_ptr<httplib::Client> client, ClientFor(hub_url, ca_file));
  const httplib::Result result = client->Post("/v1/submissions", Bearer(token), bytes, "application/octet-stream");
  CC_RETURN_IF_ERROR(Check(result, *client, hub_url, ca_file));
  const Json body = Json::parse(result->body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer()) {
    return Internal("the hub's answer is not the documented JSON: " + result->body);
  }
  return PushReply{body.value("company_id", std::string()), body["version"].get<std::int64_t>(),
                   body.value("records", std::int64_t{0})};
}

namespace {

// ErrorCodeOf returns the code of the hub's JSON error ("NOT_YET_MATCHED"), or "".
std::string ErrorCodeOf(const httplib::Response& res) {
  const Json body = Json::parse(res.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return "";
  return body["error"].value("code", std::string());
}

std::int64_t HeaderNumber(const httplib::Response& res, const char* name) {
  return std::strtoll(res.get_header_value(name).c_str(), nullptr, 10);
}

}  // namespace

Result<PulledFindings> PullFindings(const std::string& hub_url, const std::string& token, const std::string& ca_file,
                                    std::chrono::seconds wait) {
  CC_ASSIGN_OR_RETURN(std::unique_ptr<httplib::Client> client, ClientFor(hub_url, ca_file));
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    const httplib::Result result = client->Get("/v1/findings", Bearer(token));
    const bool out_of_time = std::chrono::steady_clock::now() >= deadline;
    const bool first_match_pending = result && result->status == 404 && ErrorCodeOf(*result) == "NOT_YET_MATCHED";
    if (!first_match_pending || out_of_time) {
      CC_RETURN_IF_ERROR(Check(result, *client, hub_url, ca_file));  // NOT_YET_MATCHED: kNotFound
      PulledFindings findings{result->body, HeaderNumber(*result, "X-Findings-Version"),
                              HeaderNumber(*result, "X-Submission-Version"),
                              result->get_header_value("X-Match-Pending") == "true"};
      if (!findings.match_pending || out_of_time) return findings;
    }
    std::this_thread::sleep_for(std::chrono::seconds{1});
  }
}

}  // namespace crosscheck::serve
