// kOpenApiJson: the OpenAPI 3 document of the company node's API (serve/openapi.json), embedded
// at build time (CMake writes it into a generated source) and served at GET /openapi.json.
#pragma once

namespace crosscheck::serve::internal {

// kOpenApiJson is the text of serve/openapi.json, NUL-terminated.
extern const char kOpenApiJson[];

}  // namespace crosscheck::serve::internal
