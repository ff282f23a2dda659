// The TAXII 2.1 endpoints under /taxii2/ of both HTTP services, on one httplib server: the
// generic half (media types, the API root, paging, the error resources, 401/403/404/406/415
// answers, the audit lines) here; what a server holds and who may see it in a TaxiiBackend.
// CompanyServer serves its confirmed fraud and takes pushed indicators; HubServer serves each
// member the findings it is already entitled to. Not part of the module's interface (it
// exposes httplib).
//
//   class MyBackend : public TaxiiBackend { ... };
//   InstallTaxiiRoutes(*http, backend, {.title = "crosscheck hub", .max_content_length = 64 << 20});
#pragma once

#include <httplib.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/serve/taxii.h"

namespace crosscheck::serve::internal {

// TaxiiCaller is who a TAXII request comes from: the name in the audit log, and whether the
// server lets them write (Add Objects) where a collection allows it.
struct TaxiiCaller {
  std::string name;
  bool writer = false;
};

// TaxiiObjects is a readable collection's content: a STIX bundle and a line for the audit log
// ("3 confirmed personas, 4 applications").
struct TaxiiObjects {
  std::string bundle;
  std::string summary;
};

// TaxiiBackend is what a server gives its TAXII endpoints. Called on httplib's worker threads,
// several at a time.
class TaxiiBackend {
 public:
  TaxiiBackend() = default;
  TaxiiBackend(const TaxiiBackend&) = delete;
  TaxiiBackend& operator=(const TaxiiBackend&) = delete;
  virtual ~TaxiiBackend() = default;

  // Admit authenticates the request for `action` and returns the caller; otherwise it has
  // answered 401 or 403 with SendTaxiiError (and audited it) and returns nullopt.
  virtual std::optional<TaxiiCaller> Admit(const httplib::Request& req, httplib::Response& res, const char* action) = 0;

  // Audit appends an audit row; failures are the backend's to report.
  virtual void Audit(const std::string& who, const char* action, const std::string& detail) = 0;

  // Collections lists the collections `caller` may know of, can_read and can_write as they
  // apply to them; any other id is a 404 to them.
  virtual std::vector<TaxiiCollectionInfo> Collections(const TaxiiCaller& caller) = 0;

  // Objects renders a readable collection (one Collections listed with can_read). Errors:
  // those of the backend's store (kUnavailable, kDataLoss, kInternal).
  virtual Result<TaxiiObjects> Objects(const TaxiiCaller& caller, const std::string& collection_id) = 0;

  // AddObjects takes the objects of an Add Objects request to a writable collection and
  // returns its status. Errors: kInvalidInput (400), those of the store.
  virtual Result<TaxiiStatus> AddObjects(const TaxiiCaller& caller, const std::string& collection_id,
                                         const TaxiiEnvelopeObjects& objects) = 0;

  // StatusOf returns the status resource (JSON) of an earlier Add Objects. Errors: kNotFound
  // when `caller` made no request of that id.
  virtual Result<std::string> StatusOf(const TaxiiCaller& caller, const std::string& status_id) = 0;
};

// TaxiiServerInfo names the server in its discovery and API root resources.
struct TaxiiServerInfo {
  std::string title;
  std::string description;
  std::size_t max_content_length = 0;  // the server's largest request body
  bool tls = false;                    // api_roots URLs are https://
};

// InstallTaxiiRoutes registers GET /taxii2/, the API root, its collections, a collection, its
// objects and manifest, POST objects, GET status, and a TAXII 404 for any other /taxii2/ path.
// Register other routes under /taxii2/ before calling it. `backend` must outlive the server.
void InstallTaxiiRoutes(httplib::Server& http, TaxiiBackend& backend, TaxiiServerInfo info);

}  // namespace crosscheck::serve::internal
