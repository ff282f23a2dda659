// Profile handles from LinkedIn and GitHub URLs, so that "https://uk.linkedin.com/in/Jane-Doe/"
// and "linkedin.com/in/jane-doe?trk=x" compare equal.
//
//   LinkedInHandle("https://www.linkedin.com/in/Jane-Doe-1a2b3c/?originalSubdomain=uk");
//   // "jane-doe-1a2b3c"
//   GitHubHandle("git@github.com:Octocat/hello.git");  // "octocat"
#pragma once

#include <string>
#include <string_view>

namespace crosscheck::normalize {

// LinkedInHandle returns the lower-case public-profile handle of a LinkedIn member URL
// (http/https, www. or country subdomains, /in/<handle> or the old /pub/<handle>/..., query
// strings, fragments and trailing slashes ignored) or of a bare handle ("jane-doe",
// "in/jane-doe", "@jane-doe"). Percent-encoded handles are decoded. Empty when the text is
// not recognisable as a member profile (company pages, other sites, junk).
std::string LinkedInHandle(std::string_view text);

// GitHubHandle returns the lower-case GitHub user or organisation name from a github.com URL
// (any path below the user: repositories, tabs), a <user>.github.io page, an SSH remote
// (git@github.com:user/repo.git) or a bare handle ("octocat", "@octocat"). Empty for
// GitHub's own pages (/orgs, /settings, /features, ...) and anything that is not a valid
// GitHub name (letters, digits, single inner hyphens, at most 39 characters).
std::string GitHubHandle(std::string_view text);

}  // namespace crosscheck::normalize
