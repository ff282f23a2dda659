// PushedIndicators: the known-bad indicators threat-intelligence platforms (MISP, OpenCTI)
// pushed to a company node over TAXII (Add Objects), read by the importer of `scan
// --indicators` (watchlist::IndicatorSet) and kept with each push's status resource. Every
// push is stored (store::CompanyStore::PutIndicatorPush) before it counts, so a restart
// rebuilds the same set from the store.
//
//   PushedIndicators pushed;
//   CC_RETURN_IF_ERROR(pushed.Load(store->IndicatorPushes().value()));   // at start-up
//   CC_ASSIGN_OR_RETURN(PreparedPush push, pushed.Prepare(envelope, "misp", now, status_id));
//   CC_RETURN_IF_ERROR(store->PutIndicatorPush(push.row, audit));
//   resolver.SetIndicators(pushed.Commit(std::move(push)));
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/serve/taxii.h"
#include "crosscheck/store/company_store.h"
#include "crosscheck/watchlist/indicator_set.h"

namespace crosscheck::serve {

// PreparedPush is one push checked and counted, not yet stored: the row to store, its status,
// and the indicator set the node holds once it is committed.
struct PreparedPush {
  store::IndicatorPushRow row;
  TaxiiStatus status;
  std::shared_ptr<const watchlist::IndicatorSet> indicators;
};

// PushedIndicators is every push so far. Prepare and Commit are called by one writer at a time
// (the node's write lock); StatusOf and indicators() from any thread.
class PushedIndicators {
 public:
  // Load replaces everything with the pushes stored, in order. Errors: kDataLoss when a stored
  // push no longer reads as STIX.
  Status Load(const std::vector<store::IndicatorPushRow>& pushes);

  // Prepare counts what `objects` give as indicators on their own (imported, skipped,
  // expired, revoked, and the first issues: the status's x_crosscheck_import) and builds the set of every push with
  // them, a later version of an object (by modified) replacing an earlier one, so a pushed
  // revocation revokes (STIX 2.1 section 3.6). `status_id` names the push. Errors:
  // kInvalidInput when the objects do not read as STIX (the message says why).
  Result<PreparedPush> Prepare(const TaxiiEnvelopeObjects& objects, const std::string& who, const std::string& at,
                               const std::string& status_id) const;

  // Commit takes a stored push in and returns the set of every push.
  std::shared_ptr<const watchlist::IndicatorSet> Commit(PreparedPush push);

  // indicators returns the set of every push (null before the first).
  std::shared_ptr<const watchlist::IndicatorSet> indicators() const;

  // StatusOf returns the status resource of a push `who` made; nullopt for an id unknown to
  // them (another pusher's statuses are not theirs to read).
  std::optional<std::string> StatusOf(const std::string& status_id, const std::string& who) const;

 private:
  mutable std::mutex mutex_;  // guards everything below
  std::vector<std::string> objects_;  // each push's objects (JSON arrays), in order
  std::map<std::string, std::pair<std::string, std::string>> statuses_;  // status id -> who, status JSON
  std::shared_ptr<const watchlist::IndicatorSet> indicators_;
};

}  // namespace crosscheck::serve
