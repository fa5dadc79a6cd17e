// What a live session (live_session.hpp) and a relay of another instance's session
// (fanout/relay_session.hpp) do alike for their viewers: register them, offer a late joiner the latest
// STATE_UPDATE and METRICS_UPDATE at once, offer each publication to every viewer as one batch
// (keeping its state and metrics for the next joiner), tell every viewer the new status within
// kViewerCountDelay of a join or a leave (batched: a crowd arriving costs O(viewers) frames per delay,
// not O(viewers²)), and close them all once.
//
// Thread-safety: every public member is thread-safe. The publication lock (mutex_) guards everything
// here; a derived class holds it to call the *_locked members and may guard its own fields with it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "channel.hpp"
#include "frame.hpp"
#include "viewer_set.hpp"

namespace finsim::server {

class ViewerChannel : public Channel, public std::enable_shared_from_this<ViewerChannel> {
 public:
  /// How long a change in the number of viewers may wait before viewers are told.
  static constexpr std::chrono::milliseconds kViewerCountDelay{250};

  /// Registers a viewer and offers it the latest state and metrics (those there are). Every viewer
  /// (the new one included) gets a STATUS with the new count within kViewerCountDelay. Returns the id
  /// to leave() with. Error unknown_session once closed.
  Result<std::uint64_t> join(const std::shared_ptr<Viewer>& viewer) override;
  /// Forgets a viewer (no-op for unknown ids); the others are told the new count within kViewerCountDelay.
  void leave(std::uint64_t viewer_id) override;
  [[nodiscard]] std::size_t viewers() const;
  [[nodiscard]] const std::string& id() const { return id_; }

 protected:
  /// `executor` runs the viewer-count timer.
  ViewerChannel(boost::asio::any_io_executor executor, std::string id);
  ~ViewerChannel() override = default;

  /// The status viewers are told (a STATUS frame's payload). Called under mutex_.
  [[nodiscard]] virtual nlohmann::json status_locked() const = 0;

  /// Offers `frames` (one publication) to every viewer; keeps its state and metrics for late joiners.
  void offer_locked(std::span<const Frame> frames);
  /// Tells every viewer status_locked(), counting only viewers still connected.
  void publish_status_locked();
  /// Marks the channel closed and takes its viewers out, to be closed outside the lock. Empty when
  /// it was closed already.
  std::vector<std::shared_ptr<Viewer>> close_locked();

  const std::string id_;
  mutable std::mutex mutex_;
  ViewerSet viewers_;
  Frame last_state_;
  Frame last_metrics_;
  bool closed_ = false;

 private:
  void schedule_status_locked();
  boost::asio::steady_timer status_timer_;
  bool status_scheduled_ = false;
};

}  // namespace finsim::server
