#include "crosscheck/normalize/text_encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace crosscheck::normalize {
namespace {

TEST(TextEncoding, DetectsAndConvertsCommonExportCharsets) {
  struct Case {
    const char* name;
    std::string bytes;
    const char* charset;
  };
  const Case cases[] = {
      {"utf-8", "name\nJos\xC3\xA9\n", "UTF-8"},
      {"utf-8 cut at the sample's end", "name\nJos\xC3", "UTF-8"},
      {"windows-1252", "name,city\nJos\xE9 M\xFCller,K\xF6ln\n", "windows-1252"},
      {"utf-16le bom", std::string("\xFF\xFEn\0a\0\n\0", 8), "UTF-16LE"},
      {"utf-16be no bom", std::string("\0n\0a\0m\0e\0\n", 10), "UTF-16BE"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto charset = DetectCharset(c.bytes);
    ASSERT_TRUE(charset.has_value()) << charset.error().ToString();
    EXPECT_EQ(*charset, c.charset);
  }
  auto latin = ConvertToUtf8("Jos\xE9 \x93quoted\x94", "windows-1252");
  ASSERT_TRUE(latin.has_value());
  EXPECT_EQ(*latin, "Jos\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
  auto utf16 = ConvertToUtf8(std::string("\xFF\xFEJ\0o\0", 6), "UTF-16LE");
  ASSERT_TRUE(utf16.has_value());
  EXPECT_EQ(*utf16, "Jo");
  EXPECT_FALSE(ConvertToUtf8("x", "no-such-charset").has_value());
}

}  // namespace
}  // namespace crosscheck::normalize
