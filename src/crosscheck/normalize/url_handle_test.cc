#include "crosscheck/normalize/url_handle.h"

#include <gtest/gtest.h>

#include <string>

namespace crosscheck::normalize {
namespace {

TEST(UrlHandle, LinkedIn) {
  struct Case {
    const char* raw;
    const char* expected;
  } cases[] = {
      {"https://www.linkedin.com/in/jane-doe-1a2b3c", "jane-doe-1a2b3c"},
      {"https://www.linkedin.com/in/Jane-Doe-1a2b3c/", "jane-doe-1a2b3c"},
      {"http://linkedin.com/in/janedoe?originalSubdomain=uk", "janedoe"},
      {"https://uk.linkedin.com/in/janedoe/", "janedoe"},
      {"linkedin.com/in/janedoe#experience", "janedoe"},
      {"www.linkedin.com/in/janedoe/details/skills/", "janedoe"},
      {"https://www.linkedin.com/pub/jane-doe/12/345/678", "jane-doe"},
      {"https://www.linkedin.com/in/%EA%B9%80%EB%AF%BC%EC%A4%80", "김민준"},
      {"janedoe", "janedoe"},
      {"in/janedoe", "janedoe"},
      {"@JaneDoe", "janedoe"},
      {"https://www.linkedin.com/company/acme", ""},
      {"https://www.linkedin.com/", ""},
      {"https://www.facebook.com/in/janedoe", ""},
      {"https://notlinkedin.com/in/janedoe", ""},
      {"jane doe", ""},
      {"", ""},
      {"😀", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.raw);
    EXPECT_EQ(LinkedInHandle(c.raw), c.expected);
  }
}

TEST(UrlHandle, GitHub) {
  struct Case {
    const char* raw;
    const char* expected;
  } cases[] = {
      {"https://github.com/octocat", "octocat"},
      {"https://github.com/Octocat/", "octocat"},
      {"http://www.github.com/octocat?tab=repositories", "octocat"},
      {"github.com/octo-cat/hello-world/tree/main", "octo-cat"},
      {"git@github.com:Octocat/hello.git", "octocat"},
      {"https://octocat.github.io/", "octocat"},
      {"octocat", "octocat"},
      {"@octocat", "octocat"},
      {"https://github.com/orgs/acme/people", ""},
      {"https://github.com/settings/profile", ""},
      {"https://github.com/", ""},
      {"https://gitlab.com/octocat", ""},
      {"octo--cat", ""},
      {"-octocat", ""},
      {"a-very-long-github-user-name-over-39-chars", ""},
      {"octo cat", ""},
      {"", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.raw);
    EXPECT_EQ(GitHubHandle(c.raw), c.expected);
  }
}

}  // namespace
}  // namespace crosscheck::normalize
