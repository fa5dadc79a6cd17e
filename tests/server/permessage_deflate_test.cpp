// permessage-deflate (RFC 7692) as the server offers it: which offers it accepts, and that a
// message it compresses inflates back to the same bytes with the 00 00 FF FF tail a receiver
// appends — on its own, without any earlier message's context.
#include <catch2/catch.hpp>

#include <string>

#include "frame.hpp"
#include "permessage_deflate.hpp"

using namespace finsim::server;

TEST_CASE("the server accepts the permessage-deflate offers browsers and clients make") {
  const std::string answer = "permessage-deflate; server_no_context_takeover";
  CHECK(accept_permessage_deflate("permessage-deflate; client_max_window_bits") == answer);  // Chromium, Firefox
  CHECK(accept_permessage_deflate("permessage-deflate") == answer);
  CHECK(accept_permessage_deflate("Permessage-Deflate; Server_No_Context_Takeover; client_no_context_takeover") == answer);
  // A window the offer limits to 15 bits is accepted by echoing the limit (RFC 7692 section 7.1.2.1).
  CHECK(accept_permessage_deflate("permessage-deflate; client_max_window_bits=\"10\"; server_max_window_bits=15") ==
        answer + "; server_max_window_bits=15");
  // The first acceptable offer wins, after one the server cannot honour.
  CHECK(accept_permessage_deflate("permessage-deflate; server_max_window_bits=10, permessage-deflate") == answer);
  CHECK(accept_permessage_deflate("x-webkit-deflate-frame, permessage-deflate; client_max_window_bits") == answer);
}

TEST_CASE("offers the server cannot honour, or malformed ones, leave the connection uncompressed") {
  CHECK_FALSE(accept_permessage_deflate(""));
  CHECK_FALSE(accept_permessage_deflate("x-webkit-deflate-frame"));
  CHECK_FALSE(accept_permessage_deflate("permessage-deflate; server_max_window_bits=10"));  // a smaller window
  CHECK_FALSE(accept_permessage_deflate("permessage-deflate; server_max_window_bits"));     // needs a value
  CHECK_FALSE(accept_permessage_deflate("permessage-deflate; client_max_window_bits=16"));
  CHECK_FALSE(accept_permessage_deflate("permessage-deflate; client_max_window_bits=08"));
  CHECK_FALSE(accept_permessage_deflate("permessage-deflate; server_no_context_takeover=1"));
  CHECK_FALSE(accept_permessage_deflate("permessage-deflate; server_no_context_takeover; server_no_context_takeover"));
  CHECK_FALSE(accept_permessage_deflate("permessage-deflate; mystery"));
  CHECK_FALSE(accept_permessage_deflate("permessage-deflate-2"));
}

TEST_CASE("a compressed message inflates to the same bytes on its own, and is much smaller") {
  std::string state = R"({"type":"STATE_UPDATE","schema_version":"1.0","payload":{"timestep":7,"nodes":[)";
  for (int i = 0; i < 100; ++i)
    state += R"({"id":")" + std::to_string(i) + R"(","capital_ratio":0.1)" + std::to_string(1000 + i * 37) +
             R"(,"stress":0.0)" + std::to_string(i * 13 % 97) + R"(,"status":"active"},)";
  state.back() = ']';
  state += "}}";
  const std::string once = deflate_message(state);
  CHECK(inflate_message(once) == state);
  CHECK(once.size() * 4 < state.size());
  // The same input gives the same bytes: what every viewer is sent is computed once.
  CHECK(deflate_message(state) == once);
  // Empty and tiny messages too.
  CHECK(inflate_message(deflate_message("")) == "");
  CHECK(inflate_message(deflate_message("{}")) == "{}");
  // What is not DEFLATE data is refused, not guessed at.
  CHECK_FALSE(inflate_message("\xff\xff\xff\xff"));
}

TEST_CASE("a frame's wire forms: the plain header before the text, the compressed one built once") {
  const Frame f = make_frame(R"({"type":"EVENT","payload":{"event_type":"DEFAULT","bank":"3"}})", false);
  REQUIRE(f.wire);
  CHECK(f.wire->plain_header() == std::string("\x81\x3e", 2));
  CHECK(&f.wire->text() == f.text.get());  // the text is shared, not copied
  const auto& z = f.wire->compressed();
  CHECK(static_cast<std::uint8_t>(z.header[0]) == 0xC1);  // FIN, RSV1, text
  CHECK(static_cast<std::size_t>(z.header[1]) == z.payload.size());
  CHECK(inflate_message(z.payload) == *f.text);
  CHECK(&f.wire->compressed() == &z);
}
