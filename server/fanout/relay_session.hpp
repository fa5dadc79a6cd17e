// A live session owned by another server instance, as this instance's viewers watch it: the owner's
// publications arrive through Redis (fanout.hpp) and are offered to the viewers here exactly as the
// owner offers them to its own — the same messages, byte for byte, in the same order. A viewer that
// joins gets the latest STATE_UPDATE and METRICS_UPDATE at once (kept from the stream, or read from
// Redis when the relay starts), then the stream. Statuses are the owner's engine status with this
// instance's viewers ("viewers"), "session", "instance" (this one) and "owner".
//
// Thread-safety: every public member is thread-safe (one lock; a viewer's offer() only queues).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <nlohmann/json.hpp>

#include "fanout/fanout_wire.hpp"
#include "frame.hpp"
#include "viewer_channel.hpp"

namespace finsim::server {

class RelaySession : public ViewerChannel {
 public:
  /// `executor` runs the timer that batches viewer-count STATUSes (as LiveSession::kViewerCountDelay).
  RelaySession(boost::asio::any_io_executor executor, std::string id, std::string instance);

  /// One publication of the owner, in the order the owner published them. A closed publication
  /// closes the relay (its viewers get 1000 "session closed").
  void receive(const Publication& publication);

  /// What Redis held when the relay started (fields of the session's latest hash: "state", "metrics",
  /// "status", "owner"): kept only where the stream has not already brought something newer, and
  /// offered to the viewers that joined before it came (they had no snapshot).
  /// `seq`: the owner's publication number of that state: a publication of the same owner numbered no
  /// higher, still in flight, is dropped (a late joiner never gets an older state after a newer one).
  void seed(const std::string& state, const std::string& metrics, const nlohmann::json& status, const std::string& owner,
            std::uint64_t seq);

  // join(), leave() and viewers(): ViewerChannel's.

  /// The owner's latest engine status with this relay's "viewers", "session", "instance", "owner".
  [[nodiscard]] nlohmann::json status() const;
  /// Whether the relay has heard of its session at all (a publication or a seeded status).
  [[nodiscard]] bool known() const;
  [[nodiscard]] bool closed() const;

  /// Closes every viewer with `reason` and refuses viewers from now on. Idempotent.
  void close(const CloseReason& reason);

 private:
  [[nodiscard]] nlohmann::json status_locked() const override;
  /// Whether `publication` is the seeded owner's and no newer than the seeded state.
  [[nodiscard]] bool older_than_seed_locked(const Publication& publication) const;


  // Under ViewerChannel's mutex_.
  const std::string instance_;
  nlohmann::json engine_status_;
  std::string owner_;
  std::uint64_t publications_ = 0;
  std::string seeded_owner_;     ///< the owner of the seeded state, and its publication number
  std::uint64_t seeded_seq_ = 0;
};

}  // namespace finsim::server
