// JsonFields: one validated read per field, the first problem kept as the error.
#include <catch2/catch.hpp>

#include "finsim/portfolio/json_fields.hpp"

using finsim::portfolio::JsonFields;
using nlohmann::json;

TEST_CASE("an id is a whole number from 1: absent gives the fallback, anything else is an error") {
  const json good = {{"market_id", 7}, {"big", 9007199254740991.0}};
  JsonFields f(good, "thing", "bad_thing", {"market_id", "big", "absent"});
  CHECK(f.id("market_id", 0) == 7);
  CHECK(f.id("big", 0) == 9007199254740991LL);
  CHECK(f.id("absent", 0) == 0);
  CHECK(f.ok());

  for (const json& v : {json(0), json(0.5), json(-3), json(1.5), json(9007199254740992.0), json("7"), json(nullptr),
                        json(true)}) {
    INFO(v.dump());
    const json body = {{"market_id", v}};
    JsonFields bad(body, "thing", "bad_thing", {"market_id"});
    CHECK(bad.id("market_id", 0) == 0);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "bad_thing");
    CHECK(bad.error().message.find("\"market_id\" must be an id") != std::string::npos);
  }
}
