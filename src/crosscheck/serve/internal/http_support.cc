#include "crosscheck/serve/internal/http_support.h"

#include <chrono>
#include <ctime>
#include <exception>
#include <string_view>
#include <thread>
#include <utility>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "crosscheck/serve/taxii.h"
#include "crosscheck/share/keyed_hash.h"

namespace crosscheck::serve::internal {

std::string NowIso() { return IsoTime(std::chrono::system_clock::now()); }

std::string IsoTime(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string JsonText(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

bool JsonNestsDeeperThan(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t idx = 0; idx < text.size(); ++idx) {
    const char ch = text[idx];
    if (in_string) {
      if (ch == '\\') {
        ++idx;  // the escaped character, a quote included
      } else if (ch == '"') {
        in_string = false;
      }
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      if (++depth > limit) return true;
    } else if (ch == ']' || ch == '}') {
      --depth;
    }
  }
  return false;
}

void SendError(httplib::Response& res, int status, const char* code, const std::string& message) {
  res.status = status;
  res.set_content(JsonText(nlohmann::json{{"error", {{"code", code}, {"message", message}}}}), "application/json");
}

void SendTaxiiError(httplib::Response& res, int status, const char* code, const std::string& message) {
  res.status = status;
  res.set_content(TaxiiErrorJson(status, code, message), kTaxiiMediaType);
}

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kDataLoss:
    case ErrorCode::kIoError:
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

const char* CodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput: return "INVALID_INPUT";
    case ErrorCode::kNotFound: return "NOT_FOUND";
    case ErrorCode::kUnavailable: return "UNAVAILABLE";
    case ErrorCode::kDataLoss:
    case ErrorCode::kIoError:
    case ErrorCode::kInternal: return "INTERNAL";
  }
  return "INTERNAL";
}

namespace {

// WithNoDelay turns Nagle's algorithm off: httplib writes an answer's headers and body
// separately, and on a kept-alive connection the body then waits for the client's delayed ACK
// (~40 ms on Linux) — every answer of a keep-alive client took 40 ms longer than its work.
std::unique_ptr<httplib::Server> WithNoDelay(std::unique_ptr<httplib::Server> server) {
  server->set_tcp_nodelay(true);
  return server;
}

}  // namespace

Result<std::unique_ptr<httplib::Server>> MakeServer(const std::string& cert, const std::string& key) {
  if (cert.empty() && key.empty()) return WithNoDelay(std::make_unique<httplib::Server>());
  if (cert.empty() || key.empty()) return InvalidInput("TLS needs both a certificate and a private key");
  std::string failure;
  auto server = std::make_unique<httplib::SSLServer>([&](SSL_CTX& ctx) {
    SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION);
    SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
    if (SSL_CTX_use_certificate_chain_file(&ctx, cert.c_str()) != 1) {
      failure = "cannot load the TLS certificate " + cert + " (a PEM certificate file is expected)";
    } else if (SSL_CTX_use_PrivateKey_file(&ctx, key.c_str(), SSL_FILETYPE_PEM) != 1) {
      failure = "cannot load the TLS private key " + key + " (an unencrypted PEM key file is expected)";
    } else if (SSL_CTX_check_private_key(&ctx) != 1) {
      failure = "the TLS private key " + key + " does not match the certificate " + cert;
    }
    ERR_clear_error();
    return failure.empty();
  });
  if (!server->is_valid()) {
    return InvalidInput(failure.empty() ? "cannot set up TLS with " + cert + " and " + key : failure);
  }
  return WithNoDelay(std::move(server));
}

Result<int> BindServer(httplib::Server& http, const std::string& host, int port) {
  if (port == 0) {
    const int bound = http.bind_to_any_port(host);
    if (bound < 0) return std::unexpected(Error(ErrorCode::kUnavailable, "cannot listen on " + host + ":0"));
    return bound;
  }
  if (!http.bind_to_port(host, port)) {
    return std::unexpected(Error(ErrorCode::kUnavailable, "cannot listen on " + host + ":" + std::to_string(port) +
                                                              " (in use or not an address here)"));
  }
  return port;
}

Status RunServer(httplib::Server& http) {
  if (!http.listen_after_bind()) return Internal("the HTTP(S) server stopped with an error");
  return Ok();
}

void WaitUntilRunning(const httplib::Server& http) {
  // httplib 0.11 has no ready signal; is_running turns true once the accept loop starts.
  while (!http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

std::optional<std::string> BearerTokenSha256(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (!header.starts_with(kBearer) || header.size() == kBearer.size()) return std::nullopt;
  return share::HexSha256(std::string_view(header).substr(kBearer.size()));
}

httplib::Server::Handler Guarded(httplib::Server::Handler handler,
                                 std::function<void(const std::string& what)> on_internal_error) {
  return [handler = std::move(handler), on_internal_error = std::move(on_internal_error)](
             const httplib::Request& req, httplib::Response& res) {
    try {
      handler(req, res);
    } catch (const std::exception& error) {
      on_internal_error(std::string("internal error: ") + error.what());
      SendError(res, 500, "INTERNAL", std::string("internal error: ") + error.what());
    } catch (...) {
      on_internal_error("internal error");
      SendError(res, 500, "INTERNAL", "internal error");
    }
  };
}

void InstallJsonErrors(httplib::Server& http, std::size_t max_body_bytes,
                       std::function<void(const httplib::Request& req)> on_too_large) {
  http.set_payload_max_length(max_body_bytes);
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SendError(res, 500, "INTERNAL", "internal error");
  });
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [max_body_bytes, on_too_large = std::move(on_too_large)](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        // A TAXII client reads TAXII error resources (TAXII 2.1 section 3.6.1), whoever refused.
        const auto send = req.path.starts_with("/taxii2") ? &SendTaxiiError : &SendError;
        if (res.status == 413) {
          on_too_large(req);
          // httplib also refuses form-encoded bodies over CPPHTTPLIB_FORM_URL_ENCODED_PAYLOAD_MAX_LENGTH
          // (what curl --data-binary sends by default): name that, not the size limit.
          const bool form = req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded");
          send(res, 413, "PAYLOAD_TOO_LARGE",
               form ? "a form-encoded body is limited to " +
                          std::to_string(CPPHTTPLIB_FORM_URL_ENCODED_PAYLOAD_MAX_LENGTH) +
                          " bytes; send it with its own Content-Type (application/octet-stream, text/csv, "
                          "application/json)"
                    : "the request body is larger than " + std::to_string(max_body_bytes) + " bytes");
        } else if (res.status == 404) {
          send(res, 404, "NOT_FOUND", "no such endpoint: " + req.method + " " + req.path);
        } else {
          send(res, res.status, "BAD_REQUEST", "the request could not be served");
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
}

}  // namespace crosscheck::serve::internal
