#include "crosscheck/serve/internal/static_ui.h"

#include <string>

#include "crosscheck/serve/internal/http_support.h"
#include "crosscheck/serve/internal/ui_assets.h"
#include "crosscheck/share/keyed_hash.h"

namespace crosscheck::serve::internal {
namespace {

// The script goes out as application/javascript with a charset, a type httplib 0.11 does not
// compress (it would brotli 470 KB at quality 11 on every load, about a second of CPU); an ETag
// lets the browser keep it between loads.
std::string MediaTypeOf(const UiAsset& asset) {
  return asset.content_type.starts_with("text/javascript") ? "application/javascript; charset=utf-8"
                                                           : std::string(asset.content_type);
}

void SendAsset(const UiAsset& asset, const std::string& etag, const httplib::Request& req, httplib::Response& res) {
  res.set_header("ETag", etag);
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_header("Content-Security-Policy", kUiContentSecurityPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  // The bundle changes with the binary; revalidating costs little on a LAN.
  res.set_header("Cache-Control", "no-cache");
  res.set_content(std::string(asset.body), MediaTypeOf(asset));
}

}  // namespace

void InstallStaticUi(httplib::Server& http) {
  if (UiAssets().empty()) {
    http.Get("/", [](const httplib::Request&, httplib::Response& res) {
      SendError(res, 404, "NOT_FOUND", "this build has no web UI (built with -DCROSSCHECK_UI=OFF or without npm)");
    });
    return;
  }
  for (const UiAsset& asset : UiAssets()) {
    const std::string path(asset.path);
    const std::string etag = "\"" + share::HexSha256(asset.body).substr(0, 32) + "\"";
    auto send = [&asset, etag](const httplib::Request& req, httplib::Response& res) { SendAsset(asset, etag, req, res); };
    http.Get(path, send);
    if (path == "/index.html") http.Get("/", send);
  }
}

}  // namespace crosscheck::serve::internal
