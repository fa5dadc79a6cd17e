// The OpenAPI 3 description of the portfolio API: server/portfolio/openapi.json, embedded at build
// time (CMake writes it into a generated source). Kept true by tests/api/openapi_test.cpp.
#pragma once

#include <string_view>

namespace finsim::server {

/// The document's text (JSON). Static storage; thread-safe.
std::string_view openapi_document();

}  // namespace finsim::server
