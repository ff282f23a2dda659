// TAXII 2.1 (OASIS, 2020) resources without the HTTP: what the endpoints under /taxii2/ of
// `crosscheck serve` and `crosscheck hub serve` answer (internal/taxii_routes.h serves them).
// One API root ("crosscheck") per server; collections are STIX bundles rendered on demand. An
// object's date_added is its `created` (a confirmation or a match; the producer identity's
// fixed date). Pages are ordered by (date_added, id); `next` names the last object given, so a
// page never repeats or skips an object that was there when the previous page was read. Add
// Objects bodies (envelopes) are parsed here and answered with a status resource.
//
//   CC_ASSIGN_OR_RETURN(TaxiiQuery query, ParseTaxiiQuery(request_params));
//   CC_ASSIGN_OR_RETURN(TaxiiPage page, TaxiiObjectsPage(bundle, query, TaxiiView::kObjects));
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"

namespace crosscheck::serve {

// kTaxiiMediaType is the media type of every TAXII answer (TAXII 2.1 section 1.6.8).
inline constexpr char kTaxiiMediaType[] = "application/taxii+json;version=2.1";
// kTaxiiApiRoot is the path segment of the node's one API root: /taxii2/crosscheck/.
inline constexpr char kTaxiiApiRoot[] = "crosscheck";
// kTaxiiDefaultPage and kTaxiiMaxPage bound `limit`: absent -> default, larger -> the maximum
// (section 3.4: the server may return fewer than asked).
inline constexpr std::size_t kTaxiiDefaultPage = 100;
inline constexpr std::size_t kTaxiiMaxPage = 1000;

// AcceptsTaxii tells whether an Accept header admits kTaxiiMediaType: absent, */*,
// application/*, application/taxii+json with no version or version=2.1 (media-range
// parameters such as q are ignored; q=0 is not honoured). Anything else -> 406.
bool AcceptsTaxii(std::string_view accept);

// TaxiiQuery is the URL filters of Get Objects and Get Object Manifests (section 3.4).
struct TaxiiQuery {
  std::size_t limit = kTaxiiDefaultPage;
  std::string next;                                        // opaque; from the previous page
  std::optional<std::pair<std::int64_t, int>> added_after;  // unix seconds, milliseconds
  std::vector<std::string> types;                          // match[type]
  std::vector<std::string> ids;                            // match[id]
  std::vector<std::string> versions;                       // match[version]: last, first, all, or a timestamp
  std::vector<std::string> spec_versions;                  // match[spec_version]
};

// ParseTaxiiQuery reads the query parameters (decoded, as an HTTP library gives them;
// repeated filters add to the comma-separated values). Errors: kInvalidInput for a limit that
// is not a positive integer, an added_after that is not an RFC 3339 time, a next this server
// did not give, or an unknown match[...] field.
Result<TaxiiQuery> ParseTaxiiQuery(const std::multimap<std::string, std::string>& params);

// TaxiiView says which resource a page lists: the objects (an envelope) or their manifest.
enum class TaxiiView : std::uint8_t { kObjects, kManifest };

// TaxiiPage is one answer of Get Objects or Get Object Manifests.
struct TaxiiPage {
  std::string body;          // the envelope or manifest resource (JSON)
  std::size_t count = 0;     // objects on this page
  std::string first_added;   // X-TAXII-Date-Added-First; empty when the page is empty
  std::string last_added;    // X-TAXII-Date-Added-Last
};

// TaxiiObjectsPage filters and pages the objects of a STIX bundle (JSON text, as
// share::RenderConfirmedFraudBundle renders it). Errors: kInvalidInput when `bundle` is not a
// bundle (a bug of the caller's) or the query's next names no position.
Result<TaxiiPage> TaxiiObjectsPage(std::string_view bundle, const TaxiiQuery& query, TaxiiView view);

// TaxiiUuid returns a UUID derived from `name` (stable across restarts): collection and status
// ids.
std::string TaxiiUuid(const std::string& name);

// TaxiiCollectionId returns the id of a company node's confirmed-fraud collection, derived
// from the organization's name.
std::string TaxiiCollectionId(const std::string& organization);

// TaxiiCollectionInfo is a collection as one caller sees it (section 5.2).
struct TaxiiCollectionInfo {
  std::string id;
  std::string title;
  std::string description;
  bool can_read = true;
  bool can_write = false;
};

// TaxiiDiscoveryJson is the discovery resource (section 4.1); `api_root_url` is absolute.
std::string TaxiiDiscoveryJson(const std::string& title, const std::string& description,
                               const std::string& api_root_url);
// TaxiiApiRootJson is the API root resource (section 4.2).
std::string TaxiiApiRootJson(const std::string& title, std::size_t max_content_length);
// TaxiiCollectionJson is the collection resource (section 5.2); TaxiiCollectionsJson lists them.
std::string TaxiiCollectionJson(const TaxiiCollectionInfo& collection);
std::string TaxiiCollectionsJson(const std::vector<TaxiiCollectionInfo>& collections);

// TaxiiStatusDetail is one object of an Add Objects request (section 4.3.1): its id, its
// version (modified, else created) and, for a failure, why.
struct TaxiiStatusDetail {
  std::string id;
  std::string version;
  std::string message;
};

// TaxiiEnvelopeObjects is what ParseTaxiiEnvelope kept of an Add Objects body.
struct TaxiiEnvelopeObjects {
  std::string objects;                        // the STIX objects kept, as a JSON array
  std::vector<TaxiiStatusDetail> accepted;    // one per kept object
  std::vector<TaxiiStatusDetail> failures;    // objects without a type or an id
};

// ParseTaxiiEnvelope reads the body of Add Objects (section 5.4): an envelope {"objects": [...]}
// (a STIX bundle is taken too: MISP and OpenCTI send either). Objects with a string type and id
// are kept; others are failures. Errors: kInvalidInput when the body is not JSON (with line
// and column), nests deeper than `max_depth`, or is not an envelope or a bundle.
Result<TaxiiEnvelopeObjects> ParseTaxiiEnvelope(std::string_view body, int max_depth);

// TaxiiStatus is the status resource of one Add Objects request (section 4.3); every request
// is processed before it is answered, so its status is "complete".
struct TaxiiStatus {
  std::string id;
  std::string request_timestamp;              // ISO 8601 UTC
  std::vector<TaxiiStatusDetail> successes;
  std::vector<TaxiiStatusDetail> failures;
  // x_crosscheck_import: what the server made of the objects (counts by name, and a line).
  std::vector<std::pair<std::string, std::size_t>> import_counts;
  std::string import_summary;
  std::vector<std::string> import_issues;     // what was skipped and why ("CODE: message")
};

// TaxiiStatusJson renders the status resource (total_count = successes + failures).
std::string TaxiiStatusJson(const TaxiiStatus& status);
// TaxiiErrorJson is an error message resource (section 3.6.1): title, description and
// http_status (a string, as the spec has it).
std::string TaxiiErrorJson(int http_status, const std::string& title, const std::string& description);

}  // namespace crosscheck::serve
