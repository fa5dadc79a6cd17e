#include "raw_viewer.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace finsim::tools {

namespace {

constexpr std::uint8_t kContinuation = 0x0, kText = 0x1, kBinary = 0x2, kClose = 0x8, kPing = 0x9, kPong = 0xA;

/// Header length from its first two bytes: 2, plus 2 or 8 for extended lengths, plus 4 for a mask.
std::size_t header_length(const std::uint8_t* h) {
  const std::uint8_t len = h[1] & 0x7f;
  return 2 + (len == 126 ? 2 : len == 127 ? 8 : 0) + ((h[1] & 0x80) ? 4 : 0);
}

}  // namespace

RawViewer::RawViewer(std::size_t index, const std::string& host, int port, const std::string& target,
                     int receive_buffer, bool deflate)
    : index_(index), offers_deflate_(deflate) {
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd_ < 0) return;
  if (receive_buffer > 0) setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    close_now();
    return;
  }
  request_ = "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
             "Sec-WebSocket-Key: ZmluLXNpbS1sb2FkLXRlc3Q=\r\nSec-WebSocket-Version: 13\r\n" +
             (deflate ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" : "") + "\r\n";
  state_ = State::connecting;
}

RawViewer::~RawViewer() {
  if (fd_ >= 0) ::close(fd_);
}

void RawViewer::close_now() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  state_ = State::closed;
}

void RawViewer::on_writable() {
  if (state_ != State::connecting) return;
  int error = 0;
  socklen_t len = sizeof error;
  getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &len);
  // The request is small: one send takes all of it on a fresh connection.
  if (error != 0 || send(fd_, request_.data(), request_.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request_.size()))
    return close_now();
  state_ = State::handshaking;
}

void RawViewer::on_bytes(const std::uint8_t* data, std::size_t size, MessageSink& sink) {
  if (state_ == State::handshaking) {
    const std::size_t before = handshake_.size();
    handshake_.append(reinterpret_cast<const char*>(data), size);
    const auto end = handshake_.find("\r\n\r\n");
    if (end == std::string::npos) {
      if (handshake_.size() > 8192) close_now();
      return;
    }
    if (handshake_.rfind("HTTP/1.1 101", 0) != 0) return close_now();
    if (offers_deflate_ && handshake_.substr(0, end).find("permessage-deflate") != std::string::npos)
      inflater_ = std::make_unique<Inflater>();
    state_ = State::open;
    const std::size_t used = end + 4 - before;  // bytes of this chunk that belonged to the answer
    data += used;
    size -= used;
    handshake_.clear();
  }
  if (state_ == State::open) parse_frames(data, size, sink);
}

void RawViewer::parse_frames(const std::uint8_t* data, std::size_t size, MessageSink& sink) {
  while (size > 0 && state_ == State::open) {
    if (!in_payload_) {
      // Gather the header: first the two bytes that say how long it is, then the rest.
      const std::size_t want = header_have_ < 2 ? 2 : header_length(header_);
      const std::size_t take = std::min(want - header_have_, size);
      std::copy(data, data + take, header_ + header_have_);
      header_have_ += take;
      data += take;
      size -= take;
      if (header_have_ < 2 || header_have_ < header_length(header_)) continue;
      fin_ = (header_[0] & 0x80) != 0;
      opcode_ = header_[0] & 0x0f;
      std::uint64_t len = header_[1] & 0x7f;
      if (len == 126) len = (std::uint64_t{header_[2]} << 8) | header_[3];
      if (len == 127) {
        len = 0;
        for (int i = 2; i < 10; ++i) len = (len << 8) | header_[i];
      }
      payload_left_ = len;
      header_have_ = 0;
      in_payload_ = true;
      if (opcode_ == kText || opcode_ == kBinary) {
        message_op_ = opcode_;
        prefix_.clear();
        message_size_ = 0;
        message_compressed_ = inflater_ && (header_[0] & 0x40) != 0;
        if (message_compressed_) inflateReset(&inflater_->z);  // the server takes no context over
      }
      control_.clear();
      if (payload_left_ == 0) end_of_frame(sink);
      continue;
    }
    const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(payload_left_, size));
    if (opcode_ >= kClose) {
      control_.append(reinterpret_cast<const char*>(data), take);
    } else {
      message_size_ += take;
      if (prefix_.size() < kPrefixBytes) take_prefix(data, take);
    }
    data += take;
    size -= take;
    payload_left_ -= take;
    if (payload_left_ == 0) end_of_frame(sink);
  }
}

void RawViewer::end_of_frame(MessageSink& sink) {
  in_payload_ = false;
  if (opcode_ == kPing) return send_control(kPong, control_);
  if (opcode_ == kPong) return;
  if (opcode_ == kClose) {
    close_code_ = control_.size() >= 2 ? static_cast<std::uint16_t>((std::uint8_t(control_[0]) << 8) | std::uint8_t(control_[1]))
                                       : 1005;
    send_control(kClose, control_.substr(0, 2));
    return close_now();
  }
  if ((opcode_ == kText || opcode_ == kBinary || opcode_ == kContinuation) && fin_ && message_op_ == kText)
    sink.on_message(index_, prefix_, message_size_);
}

void RawViewer::take_prefix(const std::uint8_t* data, std::size_t size) {
  if (!message_compressed_) {
    prefix_.append(reinterpret_cast<const char*>(data), std::min(size, kPrefixBytes - prefix_.size()));
    return;
  }
  // Inflate only until the prefix is full: the rest of a compressed message is counted, not decoded.
  char out[kPrefixBytes];
  z_stream& z = inflater_->z;
  z.next_in = const_cast<Bytef*>(data);
  z.avail_in = static_cast<uInt>(size);
  z.next_out = reinterpret_cast<Bytef*>(out);
  z.avail_out = static_cast<uInt>(kPrefixBytes - prefix_.size());
  inflate(&z, Z_SYNC_FLUSH);
  prefix_.append(out, kPrefixBytes - prefix_.size() - z.avail_out);
}

void RawViewer::send_control(std::uint8_t opcode, std::string_view payload) {
  // Client frames are masked (RFC 6455 5.3); a fixed key is fine for a test client.
  const std::uint8_t mask[4] = {0x12, 0x34, 0x56, 0x78};
  std::string frame;
  frame.push_back(static_cast<char>(0x80 | opcode));
  frame.push_back(static_cast<char>(0x80 | std::min<std::size_t>(payload.size(), 125)));
  frame.append(reinterpret_cast<const char*>(mask), 4);
  for (std::size_t i = 0; i < payload.size() && i < 125; ++i)
    frame.push_back(static_cast<char>(payload[i] ^ static_cast<char>(mask[i % 4])));
  (void)send(fd_, frame.data(), frame.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

}  // namespace finsim::tools
