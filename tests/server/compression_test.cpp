// The WebSocket as the server writes it: permessage-deflate for viewers that offer it (the same
// messages, a fraction of the bytes), and the protocol's answers — pong, the close handshake, a
// close for data or for a broken frame — now that the server writes its frames itself.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "http_client.hpp"
#include "permessage_deflate.hpp"
#include "raw_ws_client.hpp"
#include "server_process.hpp"
#include "ws_client.hpp"

using namespace finsim::test;
using namespace std::chrono_literals;

namespace {

struct ServerFrame {
  std::uint8_t first_byte = 0;
  std::string payload;
  std::size_t wire_size = 0;  ///< header and payload
};

/// The server's frames in `bytes` (unmasked, as a server sends them); REQUIREs whole frames.
std::vector<ServerFrame> server_frames(const std::string& bytes) {
  std::vector<ServerFrame> frames;
  std::size_t at = 0;
  while (at < bytes.size()) {
    REQUIRE(bytes.size() - at >= 2);
    const auto b = [&](std::size_t i) { return static_cast<std::uint8_t>(bytes[at + i]); };
    REQUIRE((b(1) & 0x80) == 0);  // a server never masks
    std::uint64_t len = b(1) & 0x7F;
    std::size_t header = 2;
    if (len == 126) {
      len = (std::uint64_t{b(2)} << 8) | b(3);
      header = 4;
    } else if (len == 127) {
      len = 0;
      for (std::size_t i = 2; i < 10; ++i) len = (len << 8) | b(i);
      header = 10;
    }
    REQUIRE(bytes.size() - at >= header + len);
    frames.push_back({b(0), bytes.substr(at + header, len), header + len});
    at += header + len;
  }
  return frames;
}

std::string close_payload(std::uint16_t code) {
  return {static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
}

}  // namespace

TEST_CASE("a viewer that offers permessage-deflate gets it, and one that does not gets plain frames") {
  ServerProcess server;
  WsViewer compressed(server.port(), "/ws/simulation", true);
  WsViewer plain(server.port());
  // Beast offers server_max_window_bits=15, which the answer echoes (RFC 7692 section 7.1.2.1).
  CHECK(compressed.extensions() == "permessage-deflate; server_no_context_takeover; server_max_window_bits=15");
  CHECK(plain.extensions().empty());
  // Beast inflates what it is sent: the same state, the same bytes, both ways.
  const WsRead a = compressed.read(), b = plain.read();
  REQUIRE(a.type() == "STATE_UPDATE");
  CHECK(a.text == b.text);
}

TEST_CASE("compressed, a step's messages are the same and take under a sixth of the bytes") {
  ServerProcess server;
  const int port = server.port();
  RawWsClient plain(port), compressed(port, "permessage-deflate; client_max_window_bits");
  CHECK(plain.handshake().find("Sec-WebSocket-Extensions") == std::string::npos);
  CHECK(compressed.handshake().find("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover") !=
        std::string::npos);
  REQUIRE(wait_for_viewers(port, 2));
  // The default session (100 banks), paused: the joiners' snapshot, then five steps, each read in
  // full by both before the next (a viewer a whole step behind would skip a state, by design).
  std::string plain_bytes_read = plain.read_until_quiet(300ms), compressed_bytes_read = compressed.read_until_quiet(300ms);
  for (int i = 0; i < 5; ++i) {
    REQUIRE(http(port, "POST", "/control/step").status == 200);
    plain_bytes_read += plain.read_until_quiet(300ms);
    compressed_bytes_read += compressed.read_until_quiet(300ms);
  }
  const auto plain_frames = server_frames(plain_bytes_read);
  const auto compressed_frames = server_frames(compressed_bytes_read);
  REQUIRE(plain_frames.size() >= 12);
  REQUIRE(compressed_frames.size() == plain_frames.size());
  std::size_t plain_bytes = 0, compressed_bytes = 0;
  for (std::size_t i = 0; i < plain_frames.size(); ++i) {
    INFO("frame " << i);
    CHECK(plain_frames[i].first_byte == 0x81);       // FIN, text
    CHECK(compressed_frames[i].first_byte == 0xC1);  // FIN, RSV1 (compressed), text
    CHECK(finsim::server::inflate_message(compressed_frames[i].payload) == plain_frames[i].payload);
    plain_bytes += plain_frames[i].wire_size;
    compressed_bytes += compressed_frames[i].wire_size;
  }
  INFO(plain_bytes << " bytes plain, " << compressed_bytes << " compressed");
  CHECK(compressed_bytes * 6 < plain_bytes);
}

TEST_CASE("a client's ping is answered with a pong carrying its payload") {
  ServerProcess server;
  RawWsClient client(server.port());
  client.read_until_quiet(300ms);  // the joiner's snapshot
  client.send_bytes(RawWsClient::frame(0x89, "are you there"));
  // (A STATUS about the viewers may come first.)
  const auto frames = server_frames(client.read_until_quiet(500ms));
  REQUIRE_FALSE(frames.empty());
  CHECK(frames.back().first_byte == 0x8A);
  CHECK(frames.back().payload == "are you there");
  // And a Beast client's ping, while the session plays.
  WsViewer viewer(server.port());
  REQUIRE(http(server.port(), "POST", "/control/play").status == 200);
  CHECK(viewer.ping("beast"));
}

TEST_CASE("a client's close is answered with its code and the connection ends") {
  ServerProcess server;
  RawWsClient client(server.port());
  REQUIRE(wait_for_viewers(server.port(), 1));
  client.read_until_quiet(300ms);
  client.send_bytes(RawWsClient::frame(0x88, close_payload(1001) + "leaving"));
  const auto frames = server_frames(client.read_until_quiet(2000ms));
  CHECK(client.closed_by_server());
  REQUIRE_FALSE(frames.empty());
  CHECK(frames.back().first_byte == 0x88);
  CHECK(frames.back().payload == close_payload(1001));
  CHECK(wait_for_viewers(server.port(), 0));
}

TEST_CASE("data from a client is closed with 1008 at its header, however long it claims to be") {
  ServerProcess server;
  RawWsClient client(server.port());
  client.read_until_quiet(300ms);
  // A header announcing a terabyte, and nothing after it: the answer does not wait for the payload.
  std::string header = "\x82\xff";
  for (const int byte : {0, 0, 1, 0, 0, 0, 0, 0}) header.push_back(static_cast<char>(byte));
  header += "mask";
  client.send_bytes(header);
  const auto frames = server_frames(client.read_until_quiet(1000ms));
  REQUIRE_FALSE(frames.empty());
  CHECK(frames.back().first_byte == 0x88);
  CHECK(frames.back().payload.substr(0, 2) == close_payload(1008));
  // Nothing after such a header can be read as a frame, so the server does not wait for the
  // client's close: it ends its side of the connection after the close frame.
  CHECK(client.closed_by_server());
}

TEST_CASE("a frame that breaks RFC 6455 gets close 1002 and the connection ends, the server goes on") {
  ServerProcess server;
  for (const std::string& broken : {RawWsClient::frame(0x89, "unmasked", false), RawWsClient::frame(0xB1, "rsv")}) {
    RawWsClient client(server.port());
    client.read_until_quiet(300ms);
    client.send_bytes(broken);
    const std::string answer = client.read_until_quiet(2000ms);
    CHECK(client.closed_by_server());
    const auto frames = server_frames(answer);
    REQUIRE_FALSE(frames.empty());
    CHECK(frames.back().first_byte == 0x88);
    CHECK(frames.back().payload.substr(0, 2) == close_payload(1002));
  }
  CHECK(wait_for_viewers(server.port(), 0));
  WsViewer still(server.port());
  CHECK(still.read().type() == "STATE_UPDATE");
}
