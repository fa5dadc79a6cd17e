// Idempotency-Key: a client that retries a request with the same key gets the first answer again,
// not a second order (docs/portfolio-api.md, "Idempotency").
//
// The key is looked up and its answer stored in the request's own transaction, so the answer and
// the change it describes are durable together or not at all. Same key, same method, path and body
// (compared as canonical JSON when the body is JSON, byte for byte otherwise) → the stored answer, with
// "Idempotent-Replayed: true". Same key with anything else → 422 idempotency_key_reused. Answers of 500
// and more are not stored (a retry runs again).
//
// Keys are kept for a retention period (IdempotencyRetention: 24 hours by default) and at most
// `max_keys` of them: a key older than its retention is expired — a request that reuses it runs as a
// new one — and each stored answer purges a few expired keys (lazily, oldest first) and the oldest keys
// beyond the maximum, in the same transaction. Times come from the caller (the wall clock's now()), so
// tests can drive them. Not thread-safe (the service's connection).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "finsim/result.hpp"
#include "http_message.hpp"
#include "store/database.hpp"

namespace finsim::server {

/// How long keys are kept and how many (docs/portfolio-api.md, "Idempotency"). 24 hours as Stripe
/// keeps its keys: a client retries within minutes, and a day covers a retry after a night's outage.
/// 100,000 answers (~1 KB each: about 100 MB of database) bound the table under a flood of keyed
/// requests, at the price of a shorter memory for the oldest keys then.
struct IdempotencyRetention {
  std::chrono::seconds lifetime{std::chrono::hours(24)};
  std::size_t max_keys = 100000;
};

/// The clock keys are dated by (stored as ISO 8601 UTC with milliseconds).
using IdempotencyClock = std::chrono::system_clock;

/// Whether `key` is acceptable: 1 to 255 printable ASCII characters (0x21..0x7E).
bool valid_idempotency_key(std::string_view key);

/// What identifies a request for its key: method, target and a 64-bit FNV-1a hash of the body.
struct RequestFingerprint {
  std::string method;
  std::string target;
  std::string body_hash;
};

RequestFingerprint fingerprint(const HttpRequest& request);

/// The stored answer of `key` at `now`: the answer to replay, 422 idempotency_key_reused for another
/// request, or nullopt when the key is new or expired (stored more than `retention.lifetime` ago).
Result<std::optional<HttpResponse>> replay_idempotent(store::Database& db, std::string_view key,
                                                      const RequestFingerprint& request,
                                                      const IdempotencyRetention& retention,
                                                      IdempotencyClock::time_point now);

/// Records `answer` as the answer of `key`, dated `now` (not for statuses ≥ 500), replacing an expired
/// answer of the same key; then purges up to 64 of the oldest expired keys and every key beyond the
/// newest `retention.max_keys`. A live answer of the same key is an error ("store").
Status remember_idempotent(store::Database& db, std::string_view key, const RequestFingerprint& request,
                           const HttpResponse& answer, const IdempotencyRetention& retention,
                           IdempotencyClock::time_point now);

}  // namespace finsim::server
