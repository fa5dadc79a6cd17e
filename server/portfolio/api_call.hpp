// One REST request as a handler of the portfolio API sees it, on the service's thread: the request,
// the ids in its path, its query parameters, the book, and readers that turn bad input into the
// right error (400 for a body that is not a JSON object, 422 for values the API refuses).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/date.hpp"
#include "finsim/result.hpp"
#include "http_message.hpp"
#include "job_context.hpp"

namespace finsim::server {

class SessionRegistry;
class PortfolioService;

struct ApiCall {
  JobContext& ctx;
  const HttpRequest& request;
  std::vector<std::int64_t> ids;  ///< the {id} segments of the path, in order
  std::string query;              ///< the raw query string (no '?')
  SessionRegistry* sessions = nullptr;  ///< the live banking sessions (the market's banking link)
  std::weak_ptr<PortfolioService> service;  ///< the service running this call (to tie a market to a session)

  [[nodiscard]] Book& book() const { return ctx.book(); }
  [[nodiscard]] std::int64_t id(std::size_t i = 0) const { return ids.at(i); }

  /// The body as a JSON object; an empty body is {}. Errors: bad_json (400), bad_request (400, not
  /// an object).
  [[nodiscard]] Result<nlohmann::json> body() const;

  /// A decoded query parameter, or nullopt.
  [[nodiscard]] std::optional<std::string> param(std::string_view name) const;
  /// An integer parameter in [lo, hi] (fallback when absent). Error bad_parameter (422).
  [[nodiscard]] Result<std::int64_t> integer(std::string_view name, std::int64_t fallback, std::int64_t lo,
                                             std::int64_t hi) const;
  /// A finite number in [lo, hi]. Error bad_parameter.
  [[nodiscard]] Result<double> number(std::string_view name, double fallback, double lo, double hi) const;
  /// A YYYY-MM-DD parameter. Error bad_parameter.
  [[nodiscard]] Result<std::optional<portfolio::Date>> date(std::string_view name) const;
  /// A comma-separated list (empty items dropped).
  [[nodiscard]] std::vector<std::string> list(std::string_view name) const;
};

/// Splits "a,b,,c" into {"a","b","c"} (at `separator`, empty items dropped).
std::vector<std::string> split_list(std::string_view text, char separator = ',');

}  // namespace finsim::server
