// The URL layout of the portfolio API: one table of (method, path pattern, handler). The router, the
// OpenAPI test and docs/portfolio-api.md follow it. Pure data; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "api_call.hpp"
#include "http_message.hpp"

namespace finsim::server {

using ApiHandler = HttpResponse (*)(ApiCall&);

struct ApiRoute {
  std::string_view method;   ///< GET, POST, PUT, PATCH or DELETE (HEAD is answered as GET)
  std::string_view pattern;  ///< e.g. "/api/portfolios/{id}/orders/{order_id}"
  ApiHandler handler;        ///< null: not a job of the service (answered by the router, or long work)
  bool writes;               ///< changes something: needs the control token when one is set
};

/// Every route, in the order of docs/portfolio-api.md.
std::span<const ApiRoute> api_routes();

/// The ids of `path` if it has the pattern's shape: each {…} segment matches a positive decimal
/// integer (at most 18 digits). nullopt otherwise.
std::optional<std::vector<std::int64_t>> match_pattern(std::string_view pattern, std::string_view path);

}  // namespace finsim::server
