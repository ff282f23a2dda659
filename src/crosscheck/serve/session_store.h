// Browser sessions of the company node's web UI: a reviewer or admin signs in with their bearer
// token (POST /v1/session) and gets a random 256-bit session id, sent back as an HttpOnly,
// SameSite=Strict cookie; the node keeps sessions in memory only (a restart signs everyone out)
// and drops one after an idle period.
//
//   SessionStore sessions(std::chrono::hours(8));
//   Session session = sessions.Open(holder, now);             // session.id goes into the cookie
//   std::optional<Session> found = sessions.Find(cookie_id, now);  // renews the idle expiry
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "crosscheck/serve/members_file.h"

namespace crosscheck::serve {

// kSessionCookie is the name of the web UI's session cookie.
inline constexpr std::string_view kSessionCookie = "crosscheck_session";

// kDefaultSessionIdle is how long a session lives without a request.
inline constexpr std::chrono::seconds kDefaultSessionIdle = std::chrono::hours(8);

// Session is one signed-in browser: who, and when the session lapses unless used again.
struct Session {
  std::string id;  // 64 lower-case hex digits (256 random bits)
  TokenHolder holder;
  std::chrono::system_clock::time_point expires_at;
};

// SessionStore holds the open sessions. Thread-safe: every method takes an internal mutex.
// Memory is bounded by the sessions opened within one idle period (lapsed ones are swept on
// every Open).
class SessionStore {
 public:
  explicit SessionStore(std::chrono::seconds idle = kDefaultSessionIdle) : idle_(idle) {}

  // Open starts a session for `holder`, lapsing at now + idle. The id comes from OpenSSL's
  // CSPRNG (RAND_bytes). Errors: kInternal when the CSPRNG fails.
  Result<Session> Open(const TokenHolder& holder, std::chrono::system_clock::time_point now);

  // Find returns the session with this id when it has not lapsed at `now`, and pushes its
  // expiry to now + idle; nullopt (and the lapsed session forgotten) otherwise. Ids are compared
  // as map keys; an id of the wrong shape is simply not found.
  std::optional<Session> Find(std::string_view id, std::chrono::system_clock::time_point now);

  // Close forgets the session; true when it was open.
  bool Close(std::string_view id);

  // size returns how many sessions are held (lapsed ones not yet swept included).
  std::size_t size() const;

 private:
  void SweepLapsed(std::chrono::system_clock::time_point now);

  const std::chrono::seconds idle_;
  mutable std::mutex mutex_;
  std::map<std::string, Session, std::less<>> sessions_;
};

// SessionCookieOf returns the value of the crosscheck_session cookie in a Cookie header
// ("a=1; crosscheck_session=ab12...; b=2"), or an empty view when there is none.
std::string_view SessionCookieOf(std::string_view cookie_header);

// SessionCookieHeader renders the Set-Cookie value that stores `id` in the browser: HttpOnly,
// SameSite=Strict, Path=/, Max-Age of the idle period, and Secure when served over TLS. An empty
// id renders the header that clears the cookie (Max-Age=0).
std::string SessionCookieHeader(std::string_view id, std::chrono::seconds max_age, bool secure);

}  // namespace crosscheck::serve
