#include "crosscheck/normalize/safe_regex.h"

#include <gtest/gtest.h>

#include <string>

namespace crosscheck::normalize {
namespace {

TEST(SafeRegex, SearchesAnywhereUnlessAnchored) {
  auto regex = SafeRegex::Compile("dev[0-9]+@evil\\.example");
  ASSERT_TRUE(regex);
  EXPECT_TRUE(regex->Search("mail dev42@evil.example today"));
  EXPECT_FALSE(regex->Search("dev@evil.example"));
  auto anchored = SafeRegex::Compile("^dev[0-9]+$");
  ASSERT_TRUE(anchored);
  EXPECT_FALSE(anchored->Search("xdev1"));
  auto folded = SafeRegex::Compile("^DEV", /*case_insensitive=*/true);
  ASSERT_TRUE(folded);
  EXPECT_TRUE(folded->Search("dev-wizard"));
}

TEST(SafeRegex, RefusesWhatCouldBacktrackOrIsBroken) {
  EXPECT_FALSE(SafeRegex::Compile("(a)\\1"));     // back-reference
  EXPECT_FALSE(SafeRegex::Compile("a(?=b)"));     // look-ahead
  EXPECT_FALSE(SafeRegex::Compile("([a-z]"));     // unbalanced
  EXPECT_FALSE(SafeRegex::Compile(std::string(2000, 'a')));
  // The classic catastrophic pattern runs in linear time here.
  auto evil = SafeRegex::Compile("^(a+)+$");
  ASSERT_TRUE(evil);
  EXPECT_FALSE(evil->Search(std::string(100000, 'a') + "!"));
}

}  // namespace
}  // namespace crosscheck::normalize
