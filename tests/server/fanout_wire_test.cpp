// What instances say to each other through Redis (server/fanout/fanout_wire.hpp) and where Redis is
// (--redis, fanout/redis_address.hpp): a publication survives the trip byte for byte, whatever its
// messages hold; anything malformed is refused, never half-read.
#include <catch2/catch.hpp>

#include "fanout/fanout_wire.hpp"
#include "fanout/redis_address.hpp"

using namespace finsim::server;

TEST_CASE("a publication survives the trip byte for byte, newlines and digits in its messages included") {
  Publication p;
  p.owner = "a";
  p.status = {{"timestep", 7}, {"running", true}};
  p.tell = true;
  p.seq = 42;
  p.messages = {R"({"type":"EVENT","payload":{"text":"12\n34"}})", "", std::string("\0x\n9", 4),
                R"({"type":"STATE_UPDATE","payload":{"timestep":7}})"};
  const auto back = decode_publication(encode_publication(p));
  REQUIRE(back.has_value());
  CHECK(back->owner == "a");
  CHECK(back->status == p.status);
  CHECK(back->tell);
  CHECK_FALSE(back->closed);
  CHECK(back->seq == 42);
  CHECK(back->messages == p.messages);

  Publication closed;
  closed.owner = "b";
  closed.closed = true;
  const auto end = decode_publication(encode_publication(closed));
  REQUIRE(end.has_value());
  CHECK(end->closed);
  CHECK(end->messages.empty());
  CHECK(end->status.is_null());
  CHECK(end->seq == 0);
}

TEST_CASE("a malformed or truncated publication is refused") {
  Publication p;
  p.owner = "a";
  p.messages = {"hello", "world"};
  const std::string good = encode_publication(p);
  for (std::size_t cut = 0; cut + 1 < good.size(); ++cut) {
    INFO("cut at " << cut);
    const auto partial = decode_publication(good.substr(0, cut));
    // A cut inside the header or a message is refused; a cut between messages reads fewer of them.
    if (partial) CHECK(partial->messages.size() < 2);
  }
  CHECK_FALSE(decode_publication("no header"));
  CHECK_FALSE(decode_publication("[1,2]\n"));
  CHECK_FALSE(decode_publication(R"({"owner":1})" "\n"));
  CHECK_FALSE(decode_publication(R"({"owner":"a"})" "\n99\nshort"));
  CHECK_FALSE(decode_publication(R"({"owner":"a"})" "\n-1\nx"));
  CHECK_FALSE(decode_publication(R"({"owner":"a"})" "\n5x\nhello"));
  CHECK(redis_names::session_of_channel(3, redis_names::publications(3, "lab")) == "lab");
  CHECK_FALSE(redis_names::session_of_channel(4, redis_names::publications(3, "lab")));  // another database's
  CHECK_FALSE(redis_names::session_of_channel(3, redis_names::instance(3, "lab")));
}

TEST_CASE("a Redis address is redis://host[:port][/db], and anything else is refused, saying what is wrong") {
  auto a = parse_redis_address("redis://127.0.0.1:6380/3");
  REQUIRE(a.ok());
  CHECK(a->host == "127.0.0.1");
  CHECK(a->port == 6380);
  CHECK(a->db == 3);
  auto d = parse_redis_address("redis://cache.internal");
  REQUIRE(d.ok());
  CHECK(d->port == 6379);
  CHECK(d->db == 0);
  auto v6 = parse_redis_address("redis://[::1]:7000");
  REQUIRE(v6.ok());
  CHECK(v6->host == "::1");
  CHECK(v6->port == 7000);
  for (const char* bad : {"http://x", "redis://", "redis://:6379", "redis://h:0", "redis://h:70000", "redis://h:x",
                          "redis://h/db", "redis://user:pw@h", "redis://[::1", "redis://h:", "rediss://h"}) {
    INFO(bad);
    auto r = parse_redis_address(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "usage");
  }
}
