#include "crosscheck/serve/resolver.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>


namespace crosscheck::serve {
namespace {

// Applicant returns an application with its own contact details and `device`.
ApplicationRecord Applicant(const std::string& id, const std::string& name, const std::string& device) {
  ApplicationRecord record;
  record.application_id = id;
  record.company_id = "acme";
  record.submitted_at = "2026-01-05T10:00:00Z";
  record.full_name = name;
  record.email = id + "@example.net";
  record.device_id = device;
  record.country = "US";
  return record;
}

// Stored is a resolver loaded with bystanders that share nothing with the arrivals.
std::unique_ptr<Resolver> Stored() {
  ResolverOptions options;
  options.quiet_period = std::chrono::hours(1);  // no background resolution during the test
  options.max_staleness = std::chrono::hours(1);
  auto resolver = std::make_unique<Resolver>(std::make_shared<const pipeline::ScanContext>(), options);
  EXPECT_TRUE(resolver->Load({Applicant("s-1", "Ann Stored", "dev-s1"), Applicant("s-2", "Bob Stored", "dev-s2")}));
  return resolver;
}

TEST(Resolver, SequentialArrivalsSeeEachOtherAndPreparedOnesSeeWhatWasCommittedBefore) {
  const std::vector<ApplicationRecord> first{Applicant("a-1", "Cara Jones", "dev-shared")};
  const std::vector<ApplicationRecord> second{Applicant("a-2", "Dan Smith", "dev-shared")};
  IssueLog issues;

  // One after the other: the second is scored against the first (they share a device).
  std::unique_ptr<Resolver> sequential = Stored();
  ASSERT_TRUE(sequential->Score(first, issues));
  ASSERT_TRUE(sequential->Score(second, issues));
  EXPECT_EQ(sequential->last_arrival().neighbourhood, 2u);

  // Prepared before the first was committed: scored without it, as if it had not come.
  std::unique_ptr<Resolver> overlapping = Stored();
  Result<Resolver::Arrival> prepared_first = overlapping->Prepare(first, issues);
  Result<Resolver::Arrival> prepared_second = overlapping->Prepare(second, issues);
  ASSERT_TRUE(prepared_first && prepared_second);
  EXPECT_EQ(prepared_second->neighbourhood, 1u);
  overlapping->Commit(std::move(*prepared_first));
  const std::shared_ptr<const Snapshot> after = overlapping->Commit(std::move(*prepared_second));
  std::unique_ptr<Resolver> alone = Stored();
  const std::shared_ptr<const Snapshot> without_first = alone->Score(second, issues).value();
  EXPECT_EQ(after->Find("a-2")->score, without_first->Find("a-2")->score);
  EXPECT_EQ(after->Find("a-2")->level, without_first->Find("a-2")->level);
  // Both are in, in commit order; the next arrival sees both.
  ASSERT_NE(after->Find("a-1"), nullptr);
  EXPECT_LT(*after->IndexOf("a-1"), *after->IndexOf("a-2"));
  ASSERT_TRUE(overlapping->Score({Applicant("a-3", "Eve Brown", "dev-shared")}, issues));
  EXPECT_EQ(overlapping->last_arrival().neighbourhood, 3u);
}

}  // namespace
}  // namespace crosscheck::serve
