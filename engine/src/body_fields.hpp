// Field readers for control bodies (JSON objects), shared by the session's controls and the
// intervention parser. Every failure is a bad_request naming the field.
#pragma once

#include <cmath>
#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "finsim/result.hpp"

namespace finsim::body {

inline Error bad_request(std::string message) { return make_error("bad_request", std::move(message)); }

inline Status require_object(const nlohmann::json& body) {
  if (!body.is_object()) return bad_request("the body must be a JSON object");
  return {};
}

/// Refuses any field not in `allowed`.
inline Status only_fields(const nlohmann::json& body, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : body.items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) return bad_request("unexpected field '" + key + "'");
  }
  return {};
}

/// A required finite number.
inline Result<double> number_field(const nlohmann::json& body, const char* name) {
  if (!body.contains(name)) return bad_request(std::string("missing field '") + name + "'");
  const nlohmann::json& v = body[name];
  if (!v.is_number() || !std::isfinite(v.get<double>()))
    return bad_request(std::string("field '") + name + "' must be a number");
  return v.get<double>();
}

/// A required whole number from `min` to `max`: bad_request when it is missing or not a number,
/// out_of_range ("`what` must be a whole number from min to max`note`") when it is outside.
inline Result<int> whole_number_field(const nlohmann::json& body, const char* name, int min, int max,
                                      const std::string& what, std::string_view note = {}) {
  auto v = number_field(body, name);
  if (!v.ok()) return v.error();
  if (*v != std::floor(*v) || *v < min || *v > max)
    return make_error("out_of_range", what + " must be a whole number from " + std::to_string(min) + " to " +
                                          std::to_string(max) + std::string(note));
  return static_cast<int>(*v);
}

/// A required bank index (a whole number from 0; whether the bank exists is the simulation's check).
inline Result<int> bank_field(const nlohmann::json& body) {
  auto v = number_field(body, "bank");
  if (!v.ok()) return v.error();
  if (*v != std::floor(*v) || *v < 0 || *v > 1e9) return bad_request("field 'bank' must be a bank index");
  return static_cast<int>(*v);
}

}  // namespace finsim::body
