// The parameter table: every parameter settable from text and JSON, bounds enforced, errors named.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "finsim/config.hpp"
#include "finsim/scenarios.hpp"

using namespace finsim;

TEST_CASE("every parameter round-trips through text and JSON and appears in config_to_json") {
  const nlohmann::json defaults = config_to_json(SimConfig{});
  for (const ParamSpec& s : parameter_specs()) {
    INFO(s.name);
    REQUIRE(defaults.contains(std::string(s.name)));
    SimConfig c;
    if (s.kind == ParamKind::choice) {
      for (auto option : s.choices) CHECK(set_parameter(c, s.name, option).ok());
      CHECK(set_parameter(c, s.name, std::string_view("nonsense")).error().code == "bad_value");
    } else {
      CHECK(set_parameter(c, s.name, nlohmann::json(s.max)).ok());
      CHECK(set_parameter(c, s.name, nlohmann::json(s.min)).ok());
      CHECK(set_parameter(c, s.name, nlohmann::json(s.max + 1)).error().code == "out_of_range");
      CHECK(set_parameter(c, s.name, std::string_view("abc")).error().code == "bad_value");
      for (const char* not_decimal : {"0x10", "inf", "-inf", "nan", "1e400", " 1", "1 "})
        CHECK(set_parameter(c, s.name, std::string_view(not_decimal)).error().code == "bad_value");
      CHECK(set_parameter(c, s.name, nlohmann::json("1")).error().code == "bad_value");
    }
  }
}

TEST_CASE("a failed set leaves the config unchanged") {
  SimConfig c;
  const std::string before = config_to_json(c).dump();
  CHECK_FALSE(set_parameter(c, "banks", std::string_view("1e9")).ok());
  CHECK_FALSE(set_parameter(c, "banks", std::string_view("2.5")).ok());
  CHECK_FALSE(set_parameter(c, "price_impact", std::string_view("nan")).ok());
  CHECK_FALSE(set_parameter(c, "price_impact", std::string_view("")).ok());
  CHECK_FALSE(set_parameter(c, "no_such_thing", std::string_view("1")).ok());
  CHECK(config_to_json(c).dump() == before);
  CHECK(set_parameter(c, "banks", std::string_view("250")).ok());
  CHECK(c.banks == 250);
}

TEST_CASE("cross-parameter constraints are checked") {
  SimConfig c;
  CHECK(validate_config(c).ok());
  c.cash_share = 0.5;
  c.interbank_share = 0.4;
  c.loan_book_share = 0.3;
  CHECK(validate_config(c).error().code == "out_of_range");
  c = SimConfig{};
  c.banks = 20000;
  c.mean_degree = 200;
  CHECK_FALSE(validate_config(c).ok());
  c = SimConfig{};
  c.core_banks = 100;
  CHECK_FALSE(validate_config(c).ok());
}

TEST_CASE("every scenario's settings apply cleanly and unknown scenarios are refused") {
  for (const Scenario& s : scenarios()) {
    INFO(s.name);
    auto c = scenario_config(s.name);
    REQUIRE(c.ok());
    CHECK(c->scenario == s.name);
    CHECK(validate_config(*c).ok());
    CHECK_FALSE(s.story.empty());
  }
  auto bad = scenario_config("meltdown");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "unknown_scenario");
  CHECK(bad.error().message.find("calm") != std::string::npos);
}
