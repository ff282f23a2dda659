#include "crosscheck/serve/internal/static_ui.h"

#include <string>

#include "crosscheck/serve/internal/http_support.h"
#include "crosscheck/serve/internal/ui_assets.h"

namespace crosscheck::serve::internal {
namespace {

void SendAsset(const UiAsset& asset, httplib::Response& res) {
  res.status = 200;
  res.set_header("Content-Security-Policy", kUiContentSecurityPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  // The bundle changes with the binary; revalidating costs little on a LAN.
  res.set_header("Cache-Control", "no-cache");
  res.set_content(std::string(asset.body), std::string(asset.content_type));
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
    http.Get(path, [&asset](const httplib::Request&, httplib::Response& res) { SendAsset(asset, res); });
    if (path == "/index.html") {
      http.Get("/", [&asset](const httplib::Request&, httplib::Response& res) { SendAsset(asset, res); });
    }
  }
}

}  // namespace crosscheck::serve::internal
