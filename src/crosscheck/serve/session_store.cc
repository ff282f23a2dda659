#include "crosscheck/serve/session_store.h"

#include <array>
#include <iterator>

#include <openssl/rand.h>

namespace crosscheck::serve {

Result<Session> SessionStore::Open(const TokenHolder& holder, std::chrono::system_clock::time_point now) {
  // 256 bits: a session id is a bearer credential, as strong as the tokens it stands for.
  std::array<unsigned char, 32> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    return Internal("the CSPRNG failed to make a session id");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(random.size() * 2);
  for (unsigned char byte : random) {
    id.push_back(kHex[byte >> 4]);
    id.push_back(kHex[byte & 0xf]);
  }
  Session session{id, holder, now + idle_};
  std::lock_guard lock(mutex_);
  SweepLapsed(now);
  sessions_.emplace(std::move(id), session);
  return session;
}

std::optional<Session> SessionStore::Find(std::string_view id, std::chrono::system_clock::time_point now) {
  std::lock_guard lock(mutex_);
  const auto found = sessions_.find(id);
  if (found == sessions_.end()) return std::nullopt;
  if (found->second.expires_at <= now) {
    sessions_.erase(found);
    return std::nullopt;
  }
  found->second.expires_at = now + idle_;
  return found->second;
}

bool SessionStore::Close(std::string_view id) {
  std::lock_guard lock(mutex_);
  const auto found = sessions_.find(id);
  if (found == sessions_.end()) return false;
  sessions_.erase(found);
  return true;
}

std::size_t SessionStore::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

void SessionStore::SweepLapsed(std::chrono::system_clock::time_point now) {
  std::erase_if(sessions_, [now](const auto& entry) { return entry.second.expires_at <= now; });
}

std::string_view SessionCookieOf(std::string_view cookie_header) {
  // RFC 6265 section 4.2.1: cookie-pair *( ";" SP cookie-pair ); be lenient about spaces.
  while (!cookie_header.empty()) {
    const std::size_t end = cookie_header.find(';');
    std::string_view pair = cookie_header.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == kSessionCookie) {
      std::string_view value = pair.substr(equals + 1);
      while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
      return value;
    }
    if (end == std::string_view::npos) break;
    cookie_header.remove_prefix(end + 1);
  }
  return {};
}

std::string SessionCookieHeader(std::string_view id, std::chrono::seconds max_age, bool secure) {
  std::string header = std::string(kSessionCookie) + "=" + std::string(id) + "; HttpOnly; SameSite=Strict; Path=/";
  header += "; Max-Age=" + std::to_string(id.empty() ? 0 : max_age.count());
  if (secure) header += "; Secure";
  return header;
}

}  // namespace crosscheck::serve
