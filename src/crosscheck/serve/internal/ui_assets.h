// The reviewers' web UI (ui/ at the repository root) as embedded in the binary: the bundle that
// esbuild makes at build time (index.html, app.js, app.css), written into a generated source by
// cmake/embed_files.cmake. Empty when the build had no UI (-DCROSSCHECK_UI=OFF, or no npm).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace crosscheck::serve::internal {

// UiAsset is one embedded file: the URL path it is served at, its media type and its bytes.
struct UiAsset {
  std::string_view path;          // "/index.html", "/ui/app.js", ...
  std::string_view content_type;  // "text/html; charset=utf-8", ...
  std::string_view body;
};

// UiAssets returns the embedded files; empty when the UI was not built.
std::span<const UiAsset> UiAssets();

}  // namespace crosscheck::serve::internal
