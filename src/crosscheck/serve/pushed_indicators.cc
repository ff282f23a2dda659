#include "crosscheck/serve/pushed_indicators.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "crosscheck/common/issue.h"

namespace crosscheck::serve {
namespace {

using Json = nlohmann::json;

// LatestVersions joins JSON arrays of STIX objects, keeping of each id the version modified
// last (ties: the later push); an object without a modified (an observable) is its own latest.
std::string LatestVersions(const std::vector<const std::string*>& arrays) {
  std::map<std::string, Json> latest;
  for (const std::string* array : arrays) {
    Json objects = Json::parse(*array, nullptr, /*allow_exceptions=*/false);
    if (!objects.is_array()) continue;  // stored by Prepare: always an array
    for (Json& object : objects) {
      if (!object.is_object() || !object.contains("id") || !object["id"].is_string()) continue;
      const std::string id = object["id"];
      const auto found = latest.find(id);
      if (found != latest.end() && found->second.value("modified", "") > object.value("modified", "")) continue;
      latest[id] = std::move(object);
    }
  }
  Json joined = Json::array();
  for (auto& [id, object] : latest) joined.push_back(std::move(object));
  return joined.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// kMaxStatusIssues bounds the issues a status lists (a feed of a million bad objects would
// otherwise answer with a million lines); the counts still count every one.
constexpr std::size_t kMaxStatusIssues = 100;

Result<std::shared_ptr<const watchlist::IndicatorSet>> SetOf(const std::string& objects, const char* source,
                                                             IssueLog& issues) {
  CC_ASSIGN_OR_RETURN(watchlist::IndicatorSet set, watchlist::IndicatorSet::ParseStix(objects, source, issues));
  return std::make_shared<const watchlist::IndicatorSet>(std::move(set));
}

}  // namespace

Status PushedIndicators::Load(const std::vector<store::IndicatorPushRow>& pushes) {
  std::vector<std::string> objects;
  std::map<std::string, std::pair<std::string, std::string>> statuses;
  std::vector<const std::string*> arrays;
  for (const store::IndicatorPushRow& push : pushes) {
    objects.push_back(push.objects);
    statuses[push.status_id] = {push.who, push.status};
  }
  for (const std::string& array : objects) arrays.push_back(&array);
  std::shared_ptr<const watchlist::IndicatorSet> set;
  if (!objects.empty()) {
    IssueLog told;  // each push's issues were in its status
    Result<std::shared_ptr<const watchlist::IndicatorSet>> loaded = SetOf(LatestVersions(arrays), "stored pushes", told);
    if (!loaded) return std::unexpected(Error(ErrorCode::kDataLoss, "stored indicator pushes: " + loaded.error().message()));
    set = std::move(*loaded);
  }
  std::lock_guard lock(mutex_);
  objects_ = std::move(objects);
  statuses_ = std::move(statuses);
  indicators_ = std::move(set);
  return Ok();
}

Result<PreparedPush> PushedIndicators::Prepare(const TaxiiEnvelopeObjects& objects, const std::string& who,
                                               const std::string& at, const std::string& status_id) const {
  IssueLog issues;
  CC_ASSIGN_OR_RETURN(std::shared_ptr<const watchlist::IndicatorSet> alone,
                      SetOf(objects.objects, "the pushed objects", issues));
  const watchlist::IndicatorImport& counts = alone->import_counts();
  PreparedPush push;
  push.status = TaxiiStatus{status_id, at, objects.accepted, objects.failures,
                            {{"imported", counts.indicators_used + counts.observables_used},
                             {"indicators", counts.indicators_used},
                             {"observables", counts.observables_used},
                             {"skipped", counts.skipped},
                             {"expired", counts.expired},
                             {"revoked", counts.revoked}},
                            counts.Summary(),
                            {}};
  for (const Issue& issue : issues.issues()) {
    if (push.status.import_issues.size() == kMaxStatusIssues) break;
    push.status.import_issues.push_back(issue.code + ": " + issue.message);
  }
  push.row = store::IndicatorPushRow{0, status_id, objects.objects, TaxiiStatusJson(push.status), who, at};
  std::vector<const std::string*> arrays;
  std::lock_guard lock(mutex_);
  for (const std::string& array : objects_) arrays.push_back(&array);
  arrays.push_back(&objects.objects);
  IssueLog told;  // as the push's own, above
  CC_ASSIGN_OR_RETURN(push.indicators, SetOf(LatestVersions(arrays), "the pushed objects", told));
  return push;
}

std::shared_ptr<const watchlist::IndicatorSet> PushedIndicators::Commit(PreparedPush push) {
  std::lock_guard lock(mutex_);
  objects_.push_back(std::move(push.row.objects));
  statuses_[push.row.status_id] = {push.row.who, std::move(push.row.status)};
  indicators_ = std::move(push.indicators);
  return indicators_;
}

std::shared_ptr<const watchlist::IndicatorSet> PushedIndicators::indicators() const {
  std::lock_guard lock(mutex_);
  return indicators_;
}

std::optional<std::string> PushedIndicators::StatusOf(const std::string& status_id, const std::string& who) const {
  std::lock_guard lock(mutex_);
  const auto found = statuses_.find(status_id);
  if (found == statuses_.end() || found->second.first != who) return std::nullopt;
  return found->second.second;
}

}  // namespace crosscheck::serve
