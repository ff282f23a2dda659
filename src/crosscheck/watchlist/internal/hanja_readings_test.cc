#include "crosscheck/watchlist/internal/hanja_readings.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crosscheck::watchlist::internal {
namespace {

// The table is Debian's libhangul-data (scripts/install-deps installs it).
TEST(KoreanReadings, ReadsHanInKorean) {
  ASSERT_TRUE(HanjaTableLoaded()) << "missing " << kHanjaTablePath;
  // 金 reads 금 and, as a surname, 김; 正 정; 恩 은.
  EXPECT_EQ(KoreanReadings("\xe9\x87\x91\xe6\xad\xa3\xe6\x81\xa9", 4),
            (std::vector<std::string>{"\xea\xb8\x88\xec\xa0\x95\xec\x9d\x80",
                                      "\xea\xb9\x80\xec\xa0\x95\xec\x9d\x80"}));
  // The bound holds, other characters are kept, names without Han give nothing.
  EXPECT_EQ(KoreanReadings("\xe9\x87\x91\xe6\xad\xa3\xe6\x81\xa9", 1).size(), 1U);
  EXPECT_EQ(KoreanReadings("Mr \xe6\x81\xa9", 4), (std::vector<std::string>{"Mr \xec\x9d\x80"}));
  EXPECT_TRUE(KoreanReadings("Kim Jong Un", 4).empty());
  EXPECT_TRUE(KoreanReadings("\xea\xb9\x80\xec\xa0\x95\xec\x9d\x80", 4).empty());  // Hangul
  EXPECT_TRUE(KoreanReadings("", 4).empty());
}

}  // namespace
}  // namespace crosscheck::watchlist::internal
