// TAXII 2.1 (OASIS, 2020) over a node's confirmed fraud: what the endpoints of `crosscheck
// serve` under /taxii2/ answer, without the HTTP. One API root ("crosscheck") holds one
// read-only collection whose objects are those of GET /v1/export/stix; an object's date_added
// is its `created` (the confirmation; the producer identity's fixed date). Pages are ordered by
// (date_added, id); `next` names the last object given, so a page never repeats or skips an
// object that was there when the previous page was read.
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

// TaxiiCollectionId returns the collection's id, a UUID derived from the organization's name
// (stable across restarts).
std::string TaxiiCollectionId(const std::string& organization);

// TaxiiDiscoveryJson is the discovery resource (section 4.1); `api_root_url` is absolute.
std::string TaxiiDiscoveryJson(const std::string& organization, const std::string& api_root_url);
// TaxiiApiRootJson is the API root resource (section 4.2).
std::string TaxiiApiRootJson(const std::string& organization, std::size_t max_content_length);
// TaxiiCollectionJson is the collection resource (section 5.2); TaxiiCollectionsJson lists it.
std::string TaxiiCollectionJson(const std::string& organization);
std::string TaxiiCollectionsJson(const std::string& organization);
// TaxiiErrorJson is an error message resource (section 3.6.1): title, description and
// http_status (a string, as the spec has it).
std::string TaxiiErrorJson(int http_status, const std::string& title, const std::string& description);

}  // namespace crosscheck::serve
