#include "api_call.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "finsim/session.hpp"
#include "url.hpp"

namespace finsim::server {
namespace {

Error bad_parameter(std::string_view name, const std::string& what) {
  return make_error("bad_parameter", "query parameter '" + std::string(name) + "' " + what);
}

}  // namespace

Result<nlohmann::json> ApiCall::body() const {
  auto parsed = Session::parse_body(request.body);
  if (!parsed.ok()) return parsed.error();
  if (!parsed->is_object()) return make_error("bad_request", "the body must be a JSON object");
  return std::move(parsed).value();
}

std::optional<std::string> ApiCall::param(std::string_view name) const { return query_parameter(query, name); }

Result<std::int64_t> ApiCall::integer(std::string_view name, std::int64_t fallback, std::int64_t lo,
                                      std::int64_t hi) const {
  const auto text = param(name);
  if (!text) return fallback;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || errno != 0 || v < lo || v > hi)
    return bad_parameter(name, "must be a whole number in " + std::to_string(lo) + ".." + std::to_string(hi));
  return static_cast<std::int64_t>(v);
}

Result<double> ApiCall::number(std::string_view name, double fallback, double lo, double hi) const {
  const auto text = param(name);
  if (!text) return fallback;
  char* end = nullptr;
  const double v = std::strtod(text->c_str(), &end);
  if (text->empty() || *end != '\0' || !std::isfinite(v) || v < lo || v > hi)
    return bad_parameter(name, "must be a number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return v;
}

Result<std::optional<portfolio::Date>> ApiCall::date(std::string_view name) const {
  const auto text = param(name);
  if (!text) return std::optional<portfolio::Date>{};
  const auto d = portfolio::parse_date(*text);
  if (!d) return bad_parameter(name, "must be " + std::string(portfolio::kDateForms));
  return std::optional<portfolio::Date>(*d);
}

std::vector<std::string> ApiCall::list(std::string_view name) const {
  const auto text = param(name);
  return text ? split_list(*text) : std::vector<std::string>{};
}

std::vector<std::string> split_list(std::string_view text, char separator) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(separator);
    const std::string_view item = text.substr(0, comma);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace finsim::server
