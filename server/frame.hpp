// A contract message as the fan-out carries it: serialized once by the engine, shared by every
// viewer's queue through a shared_ptr, never copied per viewer. A Frame's text is immutable, so
// frames are shared between threads freely; the functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "frame_wire.hpp"

namespace finsim::server {

/// What a viewer's queue may do with a frame: STATE_UPDATE and METRICS_UPDATE replace an unsent
/// older one of their kind; EVENTs may be dropped; a STATUS (the session's status, the adapter's own
/// message, in the same envelope as the worker's STATUS) replaces any unsent older STATUS.
enum class FrameKind : std::uint8_t { state, metrics, event, status };

struct Frame {
  FrameKind kind = FrameKind::event;
  std::shared_ptr<const std::string> text;  ///< never null; immutable once published
  std::uint64_t publication = 0;  ///< which publication (a step, a reset) of its session it belongs to
  /// The WebSocket frame bytes of `text`, shared by every viewer (make_frame builds it; null only
  /// in frames that never reach a socket, as in the queue's unit tests).
  std::shared_ptr<const FrameWire> wire;
};

/// The kind of a message, read from its leading `{"type":"…"` (the engine's serializer and
/// status_frame always write the type first). Anything but STATE_UPDATE, METRICS_UPDATE and STATUS
/// counts as an event.
FrameKind frame_kind(std::string_view message);

/// Wraps one engine message. With `stamp`, STATE_UPDATE and METRICS_UPDATE payloads gain a first
/// field "published_at_ms" (wall-clock milliseconds since the epoch, microsecond precision), which
/// the load generator uses to measure delivery delay; the contract allows added payload fields.
/// Without `stamp` the text is forwarded byte for byte.
Frame make_frame(std::string message, bool stamp, std::uint64_t publication = 0);

/// `{"type":"STATUS","payload":<status>}`: what viewers are told when the session's status changes
/// (a control, a viewer joining or leaving), so every viewer shows who drives and who watches live.
Frame status_frame(const nlohmann::json& status);

}  // namespace finsim::server
