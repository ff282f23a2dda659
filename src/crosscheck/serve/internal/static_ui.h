// Serves the embedded web UI (internal/ui_assets.h) from a company node: GET / is index.html,
// GET /ui/... the bundle's script and style sheet, each with a strict Content-Security-Policy
// (scripts and styles from the node itself only, no inline script, no framing). The files hold
// no data: every view of an applicant is fetched from /v1/ with the session cookie.
//
//   internal::InstallStaticUi(*http);
#pragma once

#include <httplib.h>

namespace crosscheck::serve::internal {

// kUiContentSecurityPolicy is sent with every UI file. Scripts come from the node only (no
// inline script, no eval); inline styles are allowed because Cytoscape.js positions its canvas
// layers with style attributes — the UI never turns data into markup, so no attacker-made
// attribute reaches the page.
inline constexpr const char* kUiContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// InstallStaticUi registers GET routes for the embedded UI files (and "/" for index.html).
// Without an embedded UI, GET / answers 404 NOT_FOUND saying the UI was not built.
void InstallStaticUi(httplib::Server& http);

}  // namespace crosscheck::serve::internal
