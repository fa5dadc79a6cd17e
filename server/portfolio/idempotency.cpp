#include "idempotency.hpp"

#include <cstdint>
#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

#include "api_responses.hpp"
#include "finsim/json_depth.hpp"

namespace finsim::server {
namespace {

/// `t` as SQLite's strftime('%Y-%m-%dT%H:%M:%fZ') writes it, so stored dates compare as text.
std::string iso_millis(IdempotencyClock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000 - (ms % 1000 < 0 ? 1 : 0));
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>((ms % 1000 + 1000) % 1000));
  return buffer;
}

/// Keys stored before this are expired.
std::string expiry_cutoff(const IdempotencyRetention& retention, IdempotencyClock::time_point now) {
  return iso_millis(now - retention.lifetime);
}

/// Up to 64 of the oldest keys, if expired, and every key older than the newest `max_keys` (`newest`:
/// the id just stored). Ids grow with each key stored, so the oldest are the lowest: both are a seek
/// on the primary key, whatever the table's size.
Status purge_idempotency_keys(store::Database& db, const std::string& cutoff, std::int64_t newest,
                              std::size_t max_keys) {
  auto expired = db.prepare(
      "DELETE FROM idempotency_keys WHERE id IN (SELECT id FROM idempotency_keys ORDER BY id LIMIT 64) "
      "AND created_at < ?");
  if (!expired.ok()) return expired.error();
  expired->bind(1, cutoff);
  if (Status s = expired->run(); !s.ok()) return s;
  auto beyond = db.prepare("DELETE FROM idempotency_keys WHERE id <= ?");
  if (!beyond.ok()) return beyond.error();
  beyond->bind(1, newest - static_cast<std::int64_t>(max_keys));
  return beyond->run();
}

}  // namespace

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
                                                      const RequestFingerprint& request,
                                                      const IdempotencyRetention& retention,
                                                      IdempotencyClock::time_point now) {
  auto st = db.prepare(
      "SELECT method, path, fingerprint, status, response, location FROM idempotency_keys WHERE key = ? "
      "AND created_at >= ?");
  if (!st.ok()) return st.error();
  st->bind(1, key).bind(2, expiry_cutoff(retention, now));
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
                           const HttpResponse& answer, const IdempotencyRetention& retention,
                           IdempotencyClock::time_point now) {
  if (answer.status >= 500) return {};
  const std::string cutoff = expiry_cutoff(retention, now);
  auto old = db.prepare("DELETE FROM idempotency_keys WHERE key = ? AND created_at < ?");
  if (!old.ok()) return old.error();
  old->bind(1, key).bind(2, cutoff);
  if (Status s = old->run(); !s.ok()) return s;
  auto st = db.prepare(
      "INSERT INTO idempotency_keys (key, method, path, fingerprint, status, response, location, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.error();
  st->bind(1, key).bind(2, request.method).bind(3, request.target).bind(4, request.body_hash);
  st->bind(5, answer.status).bind(6, answer.body);
  const std::string_view location = answer.header("Location");
  if (!location.empty()) st->bind(7, location);
  st->bind(8, iso_millis(now));
  if (Status s = st->run(); !s.ok()) return s;
  return purge_idempotency_keys(db, cutoff, db.last_insert_rowid(), retention.max_keys);
}

}  // namespace finsim::server
