#include "finsim/portfolio/json_fields.hpp"

#include <cmath>

namespace finsim::portfolio {
namespace {
const nlohmann::json kNull;
}

JsonFields::JsonFields(const nlohmann::json& object, std::string where, std::string code,
                       std::initializer_list<const char*> allowed)
    : object_(object), where_(std::move(where)), code_(std::move(code)) {
  if (!object_.is_object()) {
    fail("must be a JSON object");
    return;
  }
  for (const auto& [key, value] : object_.items()) {
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) {
      fail("unknown key \"" + key + "\"");
      return;
    }
  }
}

void JsonFields::fail(const std::string& message) {
  if (!error_) error_ = make_error(code_, where_ + ": " + message);
}

bool JsonFields::has(const char* key) const { return object_.is_object() && object_.contains(key); }

const nlohmann::json& JsonFields::member(const char* key) const { return has(key) ? object_.at(key) : kNull; }

double JsonFields::number(const char* key, double fallback, bool required) {
  if (error_) return fallback;
  if (!has(key)) {
    if (required) fail(std::string("missing \"") + key + "\"");
    return fallback;
  }
  const auto& v = object_.at(key);
  if (!v.is_number() || !std::isfinite(v.get<double>())) {
    fail(std::string("\"") + key + "\" must be a finite number");
    return fallback;
  }
  return v.get<double>();
}

bool is_id(const nlohmann::json& v) {
  if (!v.is_number()) return false;
  const double d = v.get<double>();
  return d >= 1.0 && d <= 9007199254740991.0 && d == std::floor(d);
}

std::int64_t JsonFields::id(const char* key, std::int64_t fallback) {
  if (error_ || !has(key)) return fallback;
  const auto& v = object_.at(key);
  if (!is_id(v)) {
    fail(std::string("\"") + key + "\" must be an id, a whole number from 1");
    return fallback;
  }
  return static_cast<std::int64_t>(v.get<double>());
}

double JsonFields::number_or_null(const char* key, double fallback, double if_null) {
  if (has(key) && object_.at(key).is_null()) return if_null;
  return number(key, fallback);
}

std::string JsonFields::text(const char* key, const std::string& fallback, bool required) {
  if (error_) return fallback;
  if (!has(key)) {
    if (required) fail(std::string("missing \"") + key + "\"");
    return fallback;
  }
  const auto& v = object_.at(key);
  if (!v.is_string()) {
    fail(std::string("\"") + key + "\" must be a string");
    return fallback;
  }
  return v.get<std::string>();
}

bool JsonFields::boolean(const char* key, bool fallback) {
  if (error_ || !has(key)) return fallback;
  const auto& v = object_.at(key);
  if (!v.is_boolean()) {
    fail(std::string("\"") + key + "\" must be true or false");
    return fallback;
  }
  return v.get<bool>();
}

}  // namespace finsim::portfolio
