// SessionStore (idle expiry, renewal, sign-out) and the session cookie's parsing and rendering.
#include "crosscheck/serve/session_store.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace crosscheck::serve {
namespace {

using Clock = std::chrono::system_clock;

TEST(SessionStore, IdsAre256RandomBitsInHex) {
  SessionStore sessions;
  std::set<std::string> ids;
  for (int round = 0; round < 50; ++round) {
    auto session = sessions.Open({"rita", Role::kReviewer}, Clock::now());
    ASSERT_TRUE(session.has_value());
    EXPECT_EQ(session->id.size(), 64u);
    EXPECT_EQ(session->id.find_first_not_of("0123456789abcdef"), std::string::npos);
    ids.insert(session->id);
  }
  EXPECT_EQ(ids.size(), 50u);
}

TEST(SessionStore, IdleSessionsLapseAndUseRenewsThem) {
  SessionStore sessions(std::chrono::hours(8));
  const Clock::time_point start = Clock::now();
  auto session = sessions.Open({"rita", Role::kReviewer}, start);
  ASSERT_TRUE(session.has_value());
  // Used after 7 hours: still open, and now lapses 8 hours after that use.
  auto used = sessions.Find(session->id, start + std::chrono::hours(7));
  ASSERT_TRUE(used.has_value());
  EXPECT_EQ(used->holder.name, "rita");
  EXPECT_EQ(used->expires_at, start + std::chrono::hours(15));
  EXPECT_TRUE(sessions.Find(session->id, start + std::chrono::hours(14)).has_value());
  // Eight idle hours later: gone, and forgotten.
  EXPECT_FALSE(sessions.Find(session->id, start + std::chrono::hours(23)).has_value());
  EXPECT_EQ(sessions.size(), 0u);
}

TEST(SessionStore, CloseSignsOutAndUnknownIdsAreNotFound) {
  SessionStore sessions;
  const Clock::time_point now = Clock::now();
  auto session = sessions.Open({"ada", Role::kAdmin}, now);
  ASSERT_TRUE(session.has_value());
  for (const std::string& wrong : {std::string(), std::string("00"), std::string(64, 'f'), session->id + "0"}) {
    SCOPED_TRACE(wrong);
    EXPECT_FALSE(sessions.Find(wrong, now).has_value());
  }
  EXPECT_TRUE(sessions.Close(session->id));
  EXPECT_FALSE(sessions.Close(session->id));
  EXPECT_FALSE(sessions.Find(session->id, now).has_value());
}

TEST(SessionStore, OpeningSweepsLapsedSessions) {
  SessionStore sessions(std::chrono::minutes(10));
  const Clock::time_point start = Clock::now();
  for (int round = 0; round < 5; ++round) ASSERT_TRUE(sessions.Open({"rita", Role::kReviewer}, start).has_value());
  EXPECT_EQ(sessions.size(), 5u);
  ASSERT_TRUE(sessions.Open({"rita", Role::kReviewer}, start + std::chrono::hours(1)).has_value());
  EXPECT_EQ(sessions.size(), 1u);
}

TEST(SessionCookie, FoundAmongOtherCookies) {
  struct Case {
    std::string header;
    std::string value;
  };
  const std::vector<Case> cases = {
      {"crosscheck_session=abc", "abc"},
      {"a=1; crosscheck_session=abc; b=2", "abc"},
      {"a=1;crosscheck_session=abc ", "abc"},
      {"xcrosscheck_session=abc", ""},
      {"crosscheck_sessionx=abc", ""},
      {"", ""},
      {";;;", ""},
      {"crosscheck_session", ""},
  };
  for (const Case& entry : cases) {
    SCOPED_TRACE(entry.header);
    EXPECT_EQ(SessionCookieOf(entry.header), entry.value);
  }
}

TEST(SessionCookie, HeaderCarriesTheFlags) {
  EXPECT_EQ(SessionCookieHeader("ab", std::chrono::hours(8), false),
            "crosscheck_session=ab; HttpOnly; SameSite=Strict; Path=/; Max-Age=28800");
  EXPECT_EQ(SessionCookieHeader("ab", std::chrono::hours(8), true),
            "crosscheck_session=ab; HttpOnly; SameSite=Strict; Path=/; Max-Age=28800; Secure");
  EXPECT_EQ(SessionCookieHeader("", std::chrono::hours(8), false),
            "crosscheck_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
}

}  // namespace
}  // namespace crosscheck::serve
