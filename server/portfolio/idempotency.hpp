// Idempotency-Key: a client that retries a request with the same key gets the first answer again,
// not a second order (docs/portfolio-api.md, "Idempotency").
//
// The key is looked up and its answer stored in the request's own transaction, so the answer and
// the change it describes are durable together or not at all. Same key, same method, path and body
// (compared as canonical JSON when the body is JSON, byte for byte otherwise) → the stored answer, with
// "Idempotent-Replayed: true". Same key with anything else → 422 idempotency_key_reused. Answers of 500
// and more are not stored (a retry runs again). Keys are kept (no expiry). Not thread-safe (the
// service's connection).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "finsim/result.hpp"
#include "http_message.hpp"
#include "store/database.hpp"

namespace finsim::server {

/// Whether `key` is acceptable: 1 to 255 printable ASCII characters (0x21..0x7E).
bool valid_idempotency_key(std::string_view key);

/// What identifies a request for its key: method, target and a 64-bit FNV-1a hash of the body.
struct RequestFingerprint {
  std::string method;
  std::string target;
  std::string body_hash;
};

RequestFingerprint fingerprint(const HttpRequest& request);

/// The stored answer of `key`: the answer to replay, 422 idempotency_key_reused for another request,
/// or nullopt when the key is new.
Result<std::optional<HttpResponse>> replay_idempotent(store::Database& db, std::string_view key,
                                                      const RequestFingerprint& request);

/// Records `answer` as the answer of `key` (not for statuses ≥ 500).
Status remember_idempotent(store::Database& db, std::string_view key, const RequestFingerprint& request,
                           const HttpResponse& answer);

}  // namespace finsim::server
