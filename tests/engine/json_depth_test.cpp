// json_depth_within: nesting measured without parsing, strings and escapes skipped.
#include <catch2/catch.hpp>

#include <string>

#include "finsim/json_depth.hpp"
#include "finsim/session.hpp"

using finsim::json_depth_within;

TEST_CASE("nesting is counted by brackets outside strings") {
  CHECK(json_depth_within("{}", 1));
  CHECK(json_depth_within(R"({"a":[1,{"b":2}]})", 3));
  CHECK_FALSE(json_depth_within(R"({"a":[1,{"b":2}]})", 2));
  CHECK(json_depth_within(R"({"a":"[[[[[[\"]]]]"})", 1));  // brackets inside a string, an escaped quote
  CHECK(json_depth_within(std::string(64, '[') + std::string(64, ']')));
  CHECK_FALSE(json_depth_within(std::string(65, '[') + std::string(65, ']')));
  CHECK(json_depth_within("not json at all ]]]]", 1));
}

TEST_CASE("a body nested 100,000 deep is refused before it is parsed") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto r = finsim::Session::parse_body(deep);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "bad_json");
}
