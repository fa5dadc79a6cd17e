// The bytes a contract message is written as to a WebSocket viewer: one unfragmented text frame,
// plain or compressed with permessage-deflate (permessage_deflate.hpp). Each form is built at most
// once — the plain one with the frame, the compressed one when a viewer that negotiated compression
// first writes it — and then shared, unchanged, by every viewer (docs/server.md, "Compression").
// Immutable once built, so thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>

namespace finsim::server {

class FrameWire {
 public:
  explicit FrameWire(std::shared_ptr<const std::string> text);

  /// The plain form: this header, then the text itself.
  [[nodiscard]] const std::string& plain_header() const { return plain_header_; }
  [[nodiscard]] const std::string& text() const { return *text_; }

  struct Compressed {
    std::string header;   ///< with RSV1 set
    std::string payload;  ///< deflate_message(text)
  };
  /// The compressed form. The first call compresses (a 100-bank STATE_UPDATE takes 2–6 ms); calls
  /// on other threads meanwhile wait for it.
  [[nodiscard]] const Compressed& compressed() const;

 private:
  std::shared_ptr<const std::string> text_;
  std::string plain_header_;
  mutable std::once_flag once_;
  mutable Compressed compressed_;
};

}  // namespace finsim::server
