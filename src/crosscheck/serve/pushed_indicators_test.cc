// PushedIndicators: counts of one push, a later version revoking an earlier push's indicator,
// statuses readable by their pusher only, and the same set rebuilt from the stored rows.
#include "crosscheck/serve/pushed_indicators.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crosscheck::serve {
namespace {

// Indicator is an e-mail indicator of one version; revoked when asked.
std::string Indicator(const std::string& modified, bool revoked) {
  return R"({"objects": [{"type": "indicator", "spec_version": "2.1", "id": "indicator--0b0c5a3e-8f1e-4a55-9a7e-3c1d2b4f5a60",
    "created": "2026-12-01T00:00:00.000Z", "modified": ")" + modified + R"(", "revoked": )" + (revoked ? "true" : "false") +
         R"(, "pattern": "[email-addr:value = 'x@evil.example']", "pattern_type": "stix", "valid_from": "2026-12-01T00:00:00Z"}]})";
}

PreparedPush Prepared(const PushedIndicators& pushed, const std::string& body, const std::string& who,
                      const std::string& id) {
  Result<TaxiiEnvelopeObjects> objects = ParseTaxiiEnvelope(body, 32);
  EXPECT_TRUE(objects) << objects.error().ToString();
  Result<PreparedPush> push = pushed.Prepare(*objects, who, "2026-12-07T08:00:00Z", id);
  EXPECT_TRUE(push) << push.error().ToString();
  return push.value_or(PreparedPush{});
}

std::size_t Hits(const watchlist::IndicatorSet* set) {
  return set == nullptr ? 0 : set->Match({.email = "x@evil.example"}).size();
}

TEST(PushedIndicators, ALaterVersionRevokesAndStatusesBelongToTheirPusher) {
  PushedIndicators pushed;
  EXPECT_EQ(pushed.indicators(), nullptr);
  PreparedPush first = Prepared(pushed, Indicator("2026-12-01T00:00:00.000Z", false), "misp", "s-1");
  EXPECT_EQ(first.status.import_summary, first.indicators->import_counts().Summary());
  std::vector<store::IndicatorPushRow> rows{first.row};
  EXPECT_EQ(Hits(pushed.Commit(std::move(first)).get()), 1u);

  PreparedPush revoking = Prepared(pushed, Indicator("2026-12-02T00:00:00.000Z", true), "opencti", "s-2");
  EXPECT_EQ(revoking.status.import_counts.at(5), (std::pair<std::string, std::size_t>{"revoked", 1}));
  rows.push_back(revoking.row);
  EXPECT_EQ(Hits(pushed.Commit(std::move(revoking)).get()), 0u);

  // An older version pushed late does not bring the indicator back.
  PreparedPush stale = Prepared(pushed, Indicator("2026-11-30T00:00:00.000Z", false), "misp", "s-3");
  EXPECT_EQ(Hits(stale.indicators.get()), 0u);

  EXPECT_TRUE(pushed.StatusOf("s-1", "misp").has_value());
  EXPECT_FALSE(pushed.StatusOf("s-1", "opencti").has_value());
  EXPECT_FALSE(pushed.StatusOf("s-9", "misp").has_value());

  PushedIndicators reloaded;
  ASSERT_TRUE(reloaded.Load(rows).has_value());
  EXPECT_EQ(Hits(reloaded.indicators().get()), 0u);
  EXPECT_EQ(reloaded.StatusOf("s-2", "opencti"), pushed.StatusOf("s-2", "opencti"));
  rows.pop_back();
  ASSERT_TRUE(reloaded.Load(rows).has_value());
  EXPECT_EQ(Hits(reloaded.indicators().get()), 1u);
}

}  // namespace
}  // namespace crosscheck::serve
