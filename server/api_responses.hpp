// JSON responses of the REST API and the one table from error codes to HTTP statuses
// (docs/http-api.md, "Errors"). Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "finsim/result.hpp"
#include "http_message.hpp"

namespace finsim::server {

/// The HTTP status for an error code: the engine's (finsim/session.hpp, finsim/portfolio/…) and the
/// server's own (the full table: docs/http-api.md and docs/portfolio-api.md, "Errors").
///   400 bad_json, bad_request            401 unauthorized
///   403 forbidden, wrong_host, cross_origin
///   404 not_found, unknown_control, unknown_session, unknown_portfolio, unknown_market, unknown_order
///   405 method_not_allowed               409 conflict, session_exists           413 payload_too_large
///   415 unsupported_media_type
///   422 a value refused: out_of_range, bad_value, unknown_*, bank_not_failed, too_many_causes,
///       analysis_too_large, bad_order, bad_quantity,
///       insufficient_cash, insufficient_holdings, bad_signal, bad_import, idempotency_key_reused, …
///   426 upgrade_required                 429 too_many_sessions, too_many_wrong_tokens
///   431 header_too_large                 503 shutting_down, store_unavailable, analysis_busy
///   500 anything else
int http_status(std::string_view code);

/// The JSON text the server sends for `value`: compact, and never throwing — text from a request that
/// is not UTF-8 (a session id, a path echoed in an error) is replaced by U+FFFD.
std::string json_text(const nlohmann::json& value);

/// A JSON body with `Cache-Control: no-store` and `Access-Control-Allow-Origin: *` (anyone may read;
/// the router narrows it on writes: allow_only_origin).
HttpResponse json_response(int status, const nlohmann::json& body);

/// {"error":{"code":…,"message":…}} with the status of http_status(code).
HttpResponse error_response(const Error& error);

/// 405 with `Allow: <allow>` (e.g. "POST" or "GET, HEAD").
HttpResponse method_not_allowed(std::string_view allow);

/// 204 answer to a CORS preflight (OPTIONS) for an API path that accepts `allow`.
HttpResponse preflight_response(std::string_view allow);

/// The CORS of an answer to a write, or to a preflight for one: `Access-Control-Allow-Origin: <origin>`
/// (with `Vary: Origin`) instead of "*", or none when `origin` is "" — a page of another origin may
/// then neither send the write nor read its answer.
void allow_only_origin(HttpResponse& r, const std::string& origin);

}  // namespace finsim::server
