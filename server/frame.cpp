#include "frame.hpp"

#include <chrono>
#include <cstdio>

#include "api_responses.hpp"

namespace finsim::server {

FrameKind frame_kind(std::string_view message) {
  constexpr std::string_view kPrefix = "{\"type\":\"";
  if (message.substr(0, kPrefix.size()) != kPrefix) return FrameKind::event;
  const std::string_view type = message.substr(kPrefix.size(), 16);
  if (type.substr(0, 13) == "STATE_UPDATE\"") return FrameKind::state;
  if (type.substr(0, 15) == "METRICS_UPDATE\"") return FrameKind::metrics;
  if (type.substr(0, 7) == "STATUS\"") return FrameKind::status;
  return FrameKind::event;
}

Frame make_frame(std::string message, bool stamp, std::uint64_t publication) {
  const FrameKind kind = frame_kind(message);
  if (stamp && (kind == FrameKind::state || kind == FrameKind::metrics)) {
    constexpr std::string_view kPayload = "\"payload\":{";
    const auto at = message.find(kPayload);
    if (at != std::string::npos) {
      const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
      char field[64];
      std::snprintf(field, sizeof field, "\"published_at_ms\":%lld.%03lld,", static_cast<long long>(micros / 1000),
                    static_cast<long long>(micros % 1000));
      message.insert(at + kPayload.size(), field);
    }
  }
  auto text = std::make_shared<const std::string>(std::move(message));
  auto wire = std::make_shared<const FrameWire>(text);
  return Frame{kind, std::move(text), publication, std::move(wire)};
}

Frame status_frame(const nlohmann::json& status) {
  return make_frame(R"({"type":"STATUS","payload":)" + json_text(status) + "}", false);
}

}  // namespace finsim::server
