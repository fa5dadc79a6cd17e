// Reading the fields of a JSON object with complete validation and one error message, for the
// portfolio's JSON parsers (fee schedules, orders, signals).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "finsim/result.hpp"

namespace finsim::portfolio {

/// Whether `v` is a record's id: a whole number from 1 to 2^53 − 1 (0, 0.5, negatives, strings are not).
bool is_id(const nlohmann::json& v);

/// Reads fields of `object`; the first problem (not an object, unknown key, missing or mistyped field)
/// is kept as the error with code `code`, and later reads return their fallbacks.
class JsonFields {
 public:
  JsonFields(const nlohmann::json& object, std::string where, std::string code,
             std::initializer_list<const char*> allowed);

  /// A finite number; `fallback` when absent (or an error when `required`).
  double number(const char* key, double fallback, bool required = false);
  /// A number or null (null → `if_null`).
  double number_or_null(const char* key, double fallback, double if_null);
  std::string text(const char* key, const std::string& fallback, bool required = false);
  /// A record's id: a whole number from 1 to 2^53 − 1; `fallback` when absent. Anything else (0, 0.5,
  /// a negative, a string) is an error, never read as "the default".
  std::int64_t id(const char* key, std::int64_t fallback);
  bool boolean(const char* key, bool fallback);
  /// The raw member, or null when absent.
  const nlohmann::json& member(const char* key) const;
  bool has(const char* key) const;

  void fail(const std::string& message);
  [[nodiscard]] bool ok() const { return !error_; }
  [[nodiscard]] const Error& error() const { return *error_; }
  [[nodiscard]] const std::string& where() const { return where_; }

 private:
  const nlohmann::json& object_;
  std::string where_, code_;
  std::optional<Error> error_;
};

}  // namespace finsim::portfolio
