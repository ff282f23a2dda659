#include <gtest/gtest.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "crosscheck/common/column_names.h"
#include "crosscheck/common/csv_writer.h"
#include "crosscheck/common/error.h"
#include "crosscheck/common/hash_id_map.h"
#include "crosscheck/common/romanized_names.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/common/thread_priority.h"
#include "crosscheck/common/time.h"
#include "crosscheck/common/turns.h"

namespace crosscheck {
namespace {

TEST(ThreadPriority, ABackgroundThreadAndTheThreadsItStartsRunLowerOthersDoNot) {
  const int before = ThisThreadsNice();
  const int lower = before < 12 ? before + 7 : 19;  // CI may itself run niced
  int background = 0;
  int started_by_it = 0;
  bool lowered = false;
  std::thread worker([&] {
    lowered = LowerThisThreadsPriority(lower).has_value();
    background = ThisThreadsNice();
    std::thread child([&] { started_by_it = ThisThreadsNice(); });
    child.join();
  });
  worker.join();
  EXPECT_TRUE(lowered);
  EXPECT_EQ(background, lower);
  EXPECT_EQ(started_by_it, lower);
  EXPECT_EQ(ThisThreadsNice(), before);  // the test's own thread is untouched
  EXPECT_FALSE(LowerThisThreadsPriority(0).has_value());
  EXPECT_FALSE(LowerThisThreadsPriority(20).has_value());
}

TEST(HashIdMap, FindsWhatWasInsertedThroughGrowthAndCollisions) {
  HashIdMap ids;
  EXPECT_EQ(ids.Find(42), nullptr);  // empty: no slots yet
  // Hashes one table size apart collide in their first slot; linear probing keeps them apart.
  for (std::uint32_t id = 0; id < 1000; ++id) {
    const auto [held, added] = ids.Insert(1 + std::uint64_t{id} * 4096, id);
    EXPECT_TRUE(added);
    EXPECT_EQ(held, id);
  }
  EXPECT_EQ(ids.size(), 1000u);
  EXPECT_EQ(ids.Insert(1 + 7 * 4096, 99), std::make_pair(std::uint32_t{7}, false));  // the first id stays
  for (std::uint32_t id = 0; id < 1000; ++id) {
    const std::uint32_t* found = ids.Find(1 + std::uint64_t{id} * 4096);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(*found, id);
  }
  EXPECT_EQ(ids.Find(2), nullptr);
  std::size_t visited = 0;
  ids.ForEach([&](std::uint64_t, std::uint32_t) { ++visited; });
  EXPECT_EQ(visited, 1000u);
}

TEST(Time, ParsesTimestampsWithOffsets) {
  struct Case {
    const char* text;
    std::optional<std::int64_t> expected;
  } cases[] = {
      {"1970-01-01T00:00:00Z", 0},
      {"2024-02-29T12:00:00Z", 1709208000},
      {"2024-02-29T21:00:00+09:00", 1709208000},
      {"2024-02-29T21:00:00+0900", 1709208000},
      {"2024-02-29T07:00:00.123-05:00", 1709208000},
      {"2024-02-29 12:00Z", 1709208000},
      {"2024-02-29", 1709164800},
      {"2023-02-29T12:00:00Z", std::nullopt},
      {"2024-02-29T12:00:00", std::nullopt},
      {"2024-02-29T25:00:00Z", std::nullopt},
      {"yesterday", std::nullopt},
      {"", std::nullopt},
      {"2024-02-29T12:00:00Zjunk", std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseTimestamp(c.text), c.expected);
  }
}

TEST(Time, DateRoundTrip) {
  for (std::int64_t days = -800000; days < 800000; days += 997) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(days)), days);
  }
  EXPECT_EQ(FormatTimestamp(1709208000), "2024-02-29T12:00:00Z");
  EXPECT_FALSE(ParseDate("1990-13-01"));
  EXPECT_FALSE(ParseDate("1990-1-01"));
  EXPECT_TRUE(ParseDate("2000-02-29"));
  EXPECT_FALSE(ParseDate("1900-02-29"));
}

TEST(Strings, ValidatesUtf8) {
  std::size_t offset = 0;
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("김민준 Zoë 李"));
  EXPECT_FALSE(IsValidUtf8("ab\xC3", &offset));
  EXPECT_EQ(offset, 2u);
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST(Error, RendersCodeMessageAndContext) {
  Error error(ErrorCode::kInvalidInput, "bad date");
  error.AddContext("reading applications.csv line 17");
  EXPECT_EQ(error.ToString(), "invalid_input: bad date (reading applications.csv line 17)");
  EXPECT_EQ(ExitCodeFor(ErrorCode::kInvalidInput), 2);
  EXPECT_EQ(ExitCodeFor(ErrorCode::kInternal), 1);
}

}  // namespace
TEST(CsvWriter, NeutralizesFormulaCellsButKeepsNumbers) {
  struct Case {
    const char* field;
    const char* report;    // as written with CellPolicy::kReport
  };
  const Case cases[] = {
      {"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""},
      {"+1 415 555 0100", "'+1 415 555 0100"},
      {"-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\tx", "'\tx"},
      {"\rx", "\"'\rx\""},
      {"=1,2", "\"'=1,2\""},
      {"-3.25", "-3.25"},
      {"+0.5", "+0.5"},
      {"-1e-05", "-1e-05"},
      {"-", "'-"},
      {"a-1", "a-1"},
      {"", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.field);
    std::string report;
    CsvWriter::AppendField(report, c.field);
    EXPECT_EQ(report, c.report);
  }
  std::string verbatim;  // data files crosscheck reads back keep their values
  CsvWriter::AppendField(verbatim, "+1 415 555 0100", CellPolicy::kVerbatim);
  EXPECT_EQ(verbatim, "+1 415 555 0100");
}

TEST(ColumnNames, ClassifiesExportHeaders) {
  struct Case {
    const char* header;
    std::optional<ColumnKind> kind;
  };
  const Case cases[] = {
      {"Email Address", ColumnKind::kEmail},   {"Phone Number", ColumnKind::kPhone},
      {"Date of Birth", ColumnKind::kBirthDate}, {"Applied Date", ColumnKind::kDate},
      {"Zip", ColumnKind::kPostalCode},        {"First Name", ColumnKind::kGivenName},
      {"lastName", ColumnKind::kSurname},    {"Last Name", ColumnKind::kSurname},
      {"State", ColumnKind::kRegion},          {"Country", ColumnKind::kCountry},
      {"LinkedIn Profile", ColumnKind::kLinkedin}, {"Resume", ColumnKind::kResume},
      {"Full Name", ColumnKind::kFullName},    {"Candidate ID", ColumnKind::kIdentifier},
      {"birth_place", ColumnKind::kCity},      {"Place of Birth", ColumnKind::kCity},
      {"Kandidat", std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.header);
    EXPECT_EQ(ClassifyColumnName(c.header), c.kind);
  }
}

TEST(RomanizedNames, SpellingsOfOneSurnameInOtherRomanizations) {
  EXPECT_TRUE(AreSurnameRomanizations("ri", "lee"));     // 이: initial-sound law
  EXPECT_TRUE(AreSurnameRomanizations("pak", "park"));
  EXPECT_TRUE(AreSurnameRomanizations("liu", "lau"));    // 刘: pinyin / Cantonese
  EXPECT_TRUE(AreSurnameRomanizations("chen", "tan"));   // 陈: pinyin / Hokkien
  EXPECT_TRUE(AreSurnameRomanizations("wong", "huang")); // one spelling, two surnames:
  EXPECT_TRUE(AreSurnameRomanizations("wong", "wang"));  // 黄 and 王
  EXPECT_FALSE(AreSurnameRomanizations("wang", "huang"));  // but not each other
  EXPECT_FALSE(AreSurnameRomanizations("he", "hu"));
  EXPECT_FALSE(AreSurnameRomanizations("lee", "lee"));   // equal is not a variant
  EXPECT_FALSE(AreSurnameRomanizations("smith", "smyth"));
  EXPECT_EQ(KoreanSyllableGroup("lee"), KoreanSyllableGroup("rhee"));
  EXPECT_EQ(KoreanSyllableGroup("smith"), -1);
  EXPECT_NE(KoreanSyllableGroup("kim"), KoreanSyllableGroup("lee"));
}

TEST(Turns, TurnsEndInTheOrderTakenWhateverOrderTheirWorkEnds) {
  Turns turns;
  constexpr int kWriters = 8;
  std::vector<Turns::Turn> taken;
  for (int writer = 0; writer < kWriters; ++writer) taken.push_back(turns.Take());
  std::vector<int> order;
  std::mutex order_mutex;
  std::vector<std::thread> threads;
  for (int writer = kWriters - 1; writer >= 0; --writer) {  // the last taken starts first
    threads.emplace_back([&, writer, turn = std::move(taken[writer])]() mutable {
      turn.Wait();
      {
        std::lock_guard lock(order_mutex);
        order.push_back(writer);
      }
      if (writer % 2 == 0) turn.Done();  // the others end as they are dropped
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::vector<int> expected;
  for (int writer = 0; writer < kWriters; ++writer) expected.push_back(writer);
  EXPECT_EQ(order, expected);
  // A turn taken now comes at once: every earlier one is done.
  const Turns::Turn next = turns.TakeAndWait();
}

TEST(TicketLock, OneHolderAtATime) {
  // Turns decides the order (above); the lock on top of it must still exclude.
  TicketLock lock;
  int counter = 0;  // plain int: a lost update shows a second holder
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 4; ++thread) {
    threads.emplace_back([&] {
      for (int round = 0; round < 2000; ++round) {
        std::lock_guard guard(lock);
        const int seen = counter;
        std::this_thread::yield();
        counter = seen + 1;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(counter, 8000);
}

}  // namespace crosscheck

