#include "crosscheck/serve/internal/taxii_routes.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "crosscheck/common/strings.h"
#include "crosscheck/serve/internal/http_support.h"

namespace crosscheck::serve::internal {
namespace {

void SendTaxii(httplib::Response& res, std::string body, int status = 200) {
  res.status = status;
  res.set_content(std::move(body), kTaxiiMediaType);
}

// IsTaxiiContent tells whether a Content-Type is the TAXII media type (any version parameter
// but 2.1 refused): what Add Objects takes (section 5.4).
bool IsTaxiiContent(const std::string& content_type) {
  return ToLowerAscii(TrimAscii(content_type)).starts_with("application/taxii+json") && AcceptsTaxii(content_type);
}

// TaxiiRoutes binds the endpoints to one backend; its handlers are the routes' only state.
class TaxiiRoutes {
 public:
  TaxiiRoutes(TaxiiBackend& backend, TaxiiServerInfo info) : backend_(backend), info_(std::move(info)) {}

  static void Install(const std::shared_ptr<TaxiiRoutes>& routes, httplib::Server& http);

 private:
  std::optional<TaxiiCaller> Caller(const httplib::Request& req, httplib::Response& res, const char* action);
  // Root checks the path's API root (matches[1]): 404 otherwise.
  bool Root(const httplib::Request& req, httplib::Response& res, const std::string& who, const char* action);
  // Place checks the API root and that the caller may know of the path's collection
  // (matches[2]): one it may not know of is a 404, as one that does not exist.
  std::optional<TaxiiCollectionInfo> Place(const httplib::Request& req, httplib::Response& res,
                                           const TaxiiCaller& caller, const char* action);
  // Admitted is a caller let into a collection.
  struct Admitted {
    TaxiiCaller caller;
    TaxiiCollectionInfo collection;
  };
  // AdmitToCollection is Caller and Place, then the collection's can_read or can_write for the
  // caller (`write`): 403 otherwise.
  std::optional<Admitted> AdmitToCollection(const httplib::Request& req, httplib::Response& res, const char* action,
                                            bool write);
  void Refuse(httplib::Response& res, const std::string& who, const char* action, int status, const char* code,
              const std::string& message);
  void Fail(httplib::Response& res, const std::string& who, const char* action, const Error& error);

  void Discovery(const httplib::Request& req, httplib::Response& res);
  void ApiRoot(const httplib::Request& req, httplib::Response& res);
  void Collections(const httplib::Request& req, httplib::Response& res);
  void Collection(const httplib::Request& req, httplib::Response& res);
  void Page(const httplib::Request& req, httplib::Response& res, TaxiiView view);
  void AddObjects(const httplib::Request& req, httplib::Response& res);
  void Status(const httplib::Request& req, httplib::Response& res);
  void Unknown(const httplib::Request& req, httplib::Response& res);

  TaxiiBackend& backend_;
  TaxiiServerInfo info_;
};

std::optional<TaxiiCaller> TaxiiRoutes::Caller(const httplib::Request& req, httplib::Response& res,
                                               const char* action) {
  std::optional<TaxiiCaller> caller = backend_.Admit(req, res, action);
  if (caller && !AcceptsTaxii(req.get_header_value("Accept"))) {
    Refuse(res, caller->name, action, 406, "NOT_ACCEPTABLE", std::string("this server answers ") + kTaxiiMediaType);
    return std::nullopt;
  }
  return caller;
}

void TaxiiRoutes::Refuse(httplib::Response& res, const std::string& who, const char* action, int status,
                         const char* code, const std::string& message) {
  backend_.Audit(who, action, "refused " + std::to_string(status) + " " + code + ": " + message);
  SendTaxiiError(res, status, code, message);
}

void TaxiiRoutes::Fail(httplib::Response& res, const std::string& who, const char* action, const Error& error) {
  backend_.Audit(who, action, "failed: " + error.ToString());
  SendTaxiiError(res, StatusFor(error.code()), CodeFor(error.code()), error.message());
}

bool TaxiiRoutes::Root(const httplib::Request& req, httplib::Response& res, const std::string& who,
                       const char* action) {
  if (req.matches[1] == kTaxiiApiRoot) return true;
  Refuse(res, who, action, 404, "NOT_FOUND",
         "no API root " + std::string(req.matches[1]) + " (this server has /taxii2/" + kTaxiiApiRoot + "/)");
  return false;
}

std::optional<TaxiiCollectionInfo> TaxiiRoutes::Place(const httplib::Request& req, httplib::Response& res,
                                                      const TaxiiCaller& caller, const char* action) {
  const std::string& who = caller.name;
  if (!Root(req, res, who, action)) return std::nullopt;
  const std::vector<TaxiiCollectionInfo> known = backend_.Collections(caller);
  const auto found = std::find_if(known.begin(), known.end(),
                                  [&](const TaxiiCollectionInfo& collection) { return collection.id == req.matches[2]; });
  if (found != known.end()) return *found;
  Refuse(res, who, action, 404, "NOT_FOUND", "no collection " + std::string(req.matches[2]));
  return std::nullopt;
}

std::optional<TaxiiRoutes::Admitted> TaxiiRoutes::AdmitToCollection(const httplib::Request& req,
                                                                   httplib::Response& res, const char* action,
                                                                   bool write) {
  std::optional<TaxiiCaller> caller = Caller(req, res, action);
  if (!caller) return std::nullopt;
  std::optional<TaxiiCollectionInfo> collection = Place(req, res, *caller, action);
  if (!collection) return std::nullopt;
  if (write ? !collection->can_write : !collection->can_read) {
    Refuse(res, caller->name, action, 403, "FORBIDDEN",
           "collection " + collection->id + (write ? " cannot be written" : " cannot be read"));
    return std::nullopt;
  }
  return Admitted{std::move(*caller), std::move(*collection)};
}

void TaxiiRoutes::Discovery(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Caller(req, res, "taxii_discovery");
  if (!caller) return;
  // api_roots are URLs (section 4.1.1): this server as the client reached it.
  const std::string host = req.get_header_value("Host");
  const std::string root = std::string("/taxii2/") + kTaxiiApiRoot + "/";
  const std::string url = host.empty() ? root : (info_.tls ? "https://" : "http://") + host + root;
  backend_.Audit(caller->name, "taxii_discovery", "ok");
  SendTaxii(res, TaxiiDiscoveryJson(info_.title, info_.description, url));
}

void TaxiiRoutes::ApiRoot(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Caller(req, res, "taxii_api_root");
  if (!caller || !Root(req, res, caller->name, "taxii_api_root")) return;
  backend_.Audit(caller->name, "taxii_api_root", "ok");
  SendTaxii(res, TaxiiApiRootJson(info_.title, info_.max_content_length));
}

void TaxiiRoutes::Collections(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Caller(req, res, "taxii_collections");
  if (!caller || !Root(req, res, caller->name, "taxii_collections")) return;
  const std::vector<TaxiiCollectionInfo> collections = backend_.Collections(*caller);
  backend_.Audit(caller->name, "taxii_collections", "ok " + std::to_string(collections.size()) + " collections");
  SendTaxii(res, TaxiiCollectionsJson(collections));
}

void TaxiiRoutes::Collection(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Caller(req, res, "taxii_collection");
  if (!caller) return;
  const std::optional<TaxiiCollectionInfo> collection = Place(req, res, *caller, "taxii_collection");
  if (!collection) return;
  backend_.Audit(caller->name, "taxii_collection", "ok " + collection->id);
  SendTaxii(res, TaxiiCollectionJson(*collection));
}

void TaxiiRoutes::Page(const httplib::Request& req, httplib::Response& res, TaxiiView view) {
  const char* action = view == TaxiiView::kObjects ? "taxii_objects" : "taxii_manifest";
  const std::optional<Admitted> admitted = AdmitToCollection(req, res, action, /*write=*/false);
  if (!admitted) return;
  const TaxiiCaller* caller = &admitted->caller;
  const TaxiiCollectionInfo* collection = &admitted->collection;
  Result<TaxiiQuery> query = ParseTaxiiQuery(req.params);
  if (!query) return Refuse(res, caller->name, action, 400, "INVALID_QUERY", query.error().message());
  const Result<TaxiiObjects> objects = backend_.Objects(*caller, collection->id);
  Result<TaxiiPage> page = objects ? TaxiiObjectsPage(objects->bundle, *query, view) : std::unexpected(objects.error());
  if (!page) return Fail(res, caller->name, action, page.error());
  backend_.Audit(caller->name, action, std::to_string(page->count) + " objects of " + objects->summary);
  if (page->count > 0) {
    res.set_header("X-TAXII-Date-Added-First", page->first_added);
    res.set_header("X-TAXII-Date-Added-Last", page->last_added);
  }
  SendTaxii(res, std::move(page->body));
}

// AddObjects is POST .../objects/ (section 5.4): checked in the order a client can fix things
// (who, where, what type of body, what it holds), every refusal a TAXII error resource.
void TaxiiRoutes::AddObjects(const httplib::Request& req, httplib::Response& res) {
  const char* action = "taxii_add_objects";
  const std::optional<Admitted> admitted = AdmitToCollection(req, res, action, /*write=*/true);
  if (!admitted) return;
  const TaxiiCaller* caller = &admitted->caller;
  const TaxiiCollectionInfo* collection = &admitted->collection;
  if (!IsTaxiiContent(req.get_header_value("Content-Type"))) {
    return Refuse(res, caller->name, action, 415, "UNSUPPORTED_MEDIA_TYPE",
                  std::string("send an envelope as ") + kTaxiiMediaType);
  }
  Result<TaxiiEnvelopeObjects> objects = ParseTaxiiEnvelope(req.body, kMaxJsonDepth);
  if (!objects) return Refuse(res, caller->name, action, 400, "INVALID_BODY", objects.error().message());
  Result<TaxiiStatus> status = backend_.AddObjects(*caller, collection->id, *objects);
  if (!status && status.error().code() == ErrorCode::kInvalidInput) {
    return Refuse(res, caller->name, action, 400, "INVALID_BODY", status.error().message());
  }
  if (!status) return Fail(res, caller->name, action, status.error());
  // The backend audited what it stored (with the store write); 202 as section 5.4 answers.
  SendTaxii(res, TaxiiStatusJson(*status), 202);
}

void TaxiiRoutes::Status(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Caller(req, res, "taxii_status");
  if (!caller || !Root(req, res, caller->name, "taxii_status")) return;
  Result<std::string> status = backend_.StatusOf(*caller, req.matches[2]);
  if (!status && status.error().code() == ErrorCode::kNotFound) {
    return Refuse(res, caller->name, "taxii_status", 404, "NOT_FOUND", status.error().message());
  }
  if (!status) return Fail(res, caller->name, "taxii_status", status.error());
  backend_.Audit(caller->name, "taxii_status", "ok " + std::string(req.matches[2]));
  SendTaxii(res, std::move(*status));
}

void TaxiiRoutes::Unknown(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Caller(req, res, "taxii_unknown");
  if (!caller) return;
  Refuse(res, caller->name, "taxii_unknown", 404, "NOT_FOUND", "no TAXII resource at " + req.path);
}

// Install registers the routes; each handler holds `routes`, so they live as long as the server.
void TaxiiRoutes::Install(const std::shared_ptr<TaxiiRoutes>& routes, httplib::Server& http) {
  using Method = void (TaxiiRoutes::*)(const httplib::Request&, httplib::Response&);
  auto guarded = [&routes](Method handler, const char* action) {
    return Guarded([routes, handler](const httplib::Request& req, httplib::Response& res) { (*routes.*handler)(req, res); },
                   [routes, action](const std::string& what) { routes->backend_.Audit("", action, what); });
  };
  auto page = [&routes](TaxiiView view, const char* action) {
    return Guarded([routes, view](const httplib::Request& req, httplib::Response& res) { routes->Page(req, res, view); },
                   [routes, action](const std::string& what) { routes->backend_.Audit("", action, what); });
  };
  // Status ids share the collection path's shape: /status/ is registered first.
  http.Get(R"(/taxii2/?)", guarded(&TaxiiRoutes::Discovery, "taxii_discovery"));
  http.Get(R"(/taxii2/([^/]+)/?)", guarded(&TaxiiRoutes::ApiRoot, "taxii_api_root"));
  http.Get(R"(/taxii2/([^/]+)/status/([^/]+)/?)", guarded(&TaxiiRoutes::Status, "taxii_status"));
  http.Get(R"(/taxii2/([^/]+)/collections/?)", guarded(&TaxiiRoutes::Collections, "taxii_collections"));
  http.Get(R"(/taxii2/([^/]+)/collections/([^/]+)/?)", guarded(&TaxiiRoutes::Collection, "taxii_collection"));
  http.Get(R"(/taxii2/([^/]+)/collections/([^/]+)/objects/?)", page(TaxiiView::kObjects, "taxii_objects"));
  http.Get(R"(/taxii2/([^/]+)/collections/([^/]+)/manifest/?)", page(TaxiiView::kManifest, "taxii_manifest"));
  http.Post(R"(/taxii2/([^/]+)/collections/([^/]+)/objects/?)", guarded(&TaxiiRoutes::AddObjects, "taxii_add_objects"));
  http.Get(R"(/taxii2/.*)", guarded(&TaxiiRoutes::Unknown, "taxii_unknown"));
  http.Post(R"(/taxii2/.*)", guarded(&TaxiiRoutes::Unknown, "taxii_unknown"));
}

}  // namespace

void InstallTaxiiRoutes(httplib::Server& http, TaxiiBackend& backend, TaxiiServerInfo info) {
  TaxiiRoutes::Install(std::make_shared<TaxiiRoutes>(backend, std::move(info)), http);
}

}  // namespace crosscheck::serve::internal
