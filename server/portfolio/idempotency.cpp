#include "idempotency.hpp"

#include <cstdint>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "api_responses.hpp"
#include "finsim/json_depth.hpp"

namespace finsim::server {

bool valid_idempotency_key(std::string_view key) {
  if (key.empty() || key.size() > 255) return false;
  for (char c : key)
    if (c < 0x21 || c > 0x7E) return false;
  return true;
}

RequestFingerprint fingerprint(const HttpRequest& request) {
  // JSON bodies compare by meaning (nlohmann's dump sorts keys), anything else by bytes; a body nested
  // too deeply to parse safely by bytes too (the handler refuses it anyway).
  const bool shallow = json_depth_within(request.body);
  const auto parsed = shallow ? nlohmann::json::parse(request.body, nullptr, false) : nlohmann::json(nullptr);
  const std::string canonical = !shallow || parsed.is_discarded()
                                    ? request.body
                                    : json_text(parsed);
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bits
  for (unsigned char c : canonical) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return {request.method, request.target, hex};
}

Result<std::optional<HttpResponse>> replay_idempotent(store::Database& db, std::string_view key,
                                                      const RequestFingerprint& request) {
  auto st = db.prepare("SELECT method, path, fingerprint, status, response, location FROM idempotency_keys WHERE key = ?");
  if (!st.ok()) return st.error();
  st->bind(1, key);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<HttpResponse>{};
  if (st->text(0) != request.method || st->text(1) != request.target || st->text(2) != request.body_hash)
    return std::optional<HttpResponse>(error_response(make_error(
        "idempotency_key_reused", "this Idempotency-Key was used for another request (" + st->text(0) + " " +
                                      st->text(1) + " with another body): use a new key for a new request")));
  HttpResponse r = json_response(static_cast<int>(st->integer(3)), nlohmann::json::object());
  r.body = st->text(4);
  if (const auto location = st->optional_text(5)) r.set("Location", *location);
  r.set("Idempotent-Replayed", "true");
  return std::optional<HttpResponse>(std::move(r));
}

Status remember_idempotent(store::Database& db, std::string_view key, const RequestFingerprint& request,
                           const HttpResponse& answer) {
  if (answer.status >= 500) return {};
  auto st = db.prepare(
      "INSERT INTO idempotency_keys (key, method, path, fingerprint, status, response, location) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.error();
  st->bind(1, key).bind(2, request.method).bind(3, request.target).bind(4, request.body_hash);
  st->bind(5, answer.status).bind(6, answer.body);
  const std::string_view location = answer.header("Location");
  if (!location.empty()) st->bind(7, location);
  return st->run();
}

}  // namespace finsim::server
