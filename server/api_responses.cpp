#include "api_responses.hpp"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

namespace finsim::server {

int http_status(std::string_view code) {
  static constexpr std::array<std::pair<std::string_view, int>, 85> kStatus{{
      {"bad_json", 400},           {"bad_request", 400},
      {"unauthorized", 401},       {"forbidden", 403},
      {"not_found", 404},          {"unknown_control", 404},
      {"unknown_session", 404},    {"unknown_portfolio", 404},
      {"unknown_market", 404},     {"unknown_order", 404},
      {"method_not_allowed", 405}, {"conflict", 409},
      {"session_exists", 409},     {"payload_too_large", 413},
      {"out_of_range", 422},       {"bad_value", 422},
      {"unknown_scenario", 422},   {"unknown_policy", 422},
      {"unknown_parameter", 422},  {"unknown_bank", 422},
      {"bank_defaulted", 422},     {"bad_parameter", 422},
      // The portfolio API: values the engine or the API refuse.
      {"bad_portfolio", 422},      {"bad_order", 422},
      {"bad_quantity", 422},       {"bad_limit_price", 422},
      {"bad_expiry", 422},         {"unknown_ticker", 422},
      {"bad_stop_price", 422},     {"bad_trail", 422},
      {"bad_bracket", 422},        {"bad_participation", 422},
      {"insufficient_cash", 422},  {"insufficient_holdings", 422},
      {"insufficient_margin", 422}, {"bad_margin", 422},
      {"bad_fee_schedule", 422},   {"unknown_fee_structure", 422},
      {"bad_preview", 422},        {"bad_price", 422},
      {"no_price", 422},           {"bad_signal", 422},
      {"unknown_signal", 422},     {"bad_backtest", 422},
      {"bad_sizing", 422},         {"bad_period", 422},
      {"bad_config", 422},         {"unknown_model", 422},
      {"external_model", 422},     {"model_unavailable", 422},
      {"bad_import", 422},         {"idempotency_key_reused", 422},
      {"upgrade_required", 426},   {"too_many_sessions", 429},
      {"header_too_large", 431},   {"shutting_down", 503},
      {"store_unavailable", 503},  {"internal", 500},
      {"store", 500},              {"cancelled", 503},
      {"unknown_asset", 422},      {"bad_panel", 422},
      // Slippage and spread (engine slippage.hpp): a model refused, or a trade it cannot price.
      {"bad_slippage", 422},       {"no_history", 422},
      {"no_volume", 422},          {"too_large_for_market", 422},
      {"bad_monte_carlo", 422},
      // Writes from elsewhere (origin_policy.hpp, token_throttle.hpp).
      {"wrong_host", 403},         {"cross_origin", 403},
      {"unsupported_media_type", 415}, {"too_many_wrong_tokens", 429},
      // A session larger than --max-banks, or a replay above the bound, without the token (session_size.hpp).
      {"too_many_banks", 403},     {"replay_too_large", 403},
      // "Why did this bank fail?" (why_api.hpp): a question the engine or the server's bound refuses.
      {"bank_not_failed", 422},    {"too_many_causes", 422},
      {"analysis_too_large", 422}, {"analysis_busy", 503},
      // Sessions shared by instances (fanout/fanout.hpp): the owner or Redis does not answer.
      {"owner_unavailable", 503},  {"redis_unavailable", 503},
      // What one client may create (docs/portfolio-api.md, "Limits").
      {"too_many_portfolios", 429}, {"too_many_signals", 429}, {"too_many_backtests", 429},
      {"too_many_markets", 429},    {"too_many_fee_structures", 429},
      {"too_many_imports", 429},
  }};
  for (const auto& [c, status] : kStatus)
    if (c == code) return status;
  return 500;
}

std::string json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

HttpResponse json_response(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  r.body = json_text(body);
  r.set("Content-Type", "application/json")
      .set("Cache-Control", "no-store")
      .set("Access-Control-Allow-Origin", "*")
      .set("Access-Control-Expose-Headers", "Location, Idempotent-Replayed");
  return r;
}

HttpResponse error_response(const Error& error) {
  HttpResponse r = json_response(http_status(error.code),
                                 {{"error", {{"code", error.code}, {"message", error.message}}}});
  if (r.status == 401) r.set("WWW-Authenticate", "Bearer realm=\"finsim\"");
  return r;
}

HttpResponse method_not_allowed(std::string_view allow) {
  HttpResponse r = error_response(make_error(
      "method_not_allowed", "this path accepts " + std::string(allow) + " only"));
  r.set("Allow", std::string(allow));
  return r;
}

void allow_only_origin(HttpResponse& r, const std::string& origin) {
  r.remove("Access-Control-Allow-Origin");
  if (origin.empty()) return;
  r.set("Access-Control-Allow-Origin", origin).set("Vary", "Origin");
}

HttpResponse preflight_response(std::string_view allow) {
  HttpResponse r;
  r.status = 204;
  r.set("Access-Control-Allow-Origin", "*")
      .set("Access-Control-Allow-Methods", std::string(allow))
      .set("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key")
      .set("Access-Control-Max-Age", "600")
      .set("Allow", std::string(allow));
  return r;
}

}  // namespace finsim::server
