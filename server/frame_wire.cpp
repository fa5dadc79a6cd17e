#include "frame_wire.hpp"

#include "permessage_deflate.hpp"
#include "websocket_frames.hpp"

namespace finsim::server {

FrameWire::FrameWire(std::shared_ptr<const std::string> text)
    : text_(std::move(text)), plain_header_(ws_frame_header(WsOpcode::text, text_->size())) {}

const FrameWire::Compressed& FrameWire::compressed() const {
  std::call_once(once_, [this] {
    compressed_.payload = deflate_message(*text_);
    compressed_.header = ws_frame_header(WsOpcode::text, compressed_.payload.size(), true);
  });
  return compressed_;
}

}  // namespace finsim::server
