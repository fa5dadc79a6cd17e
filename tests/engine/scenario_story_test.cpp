// Each scenario tells the story its name promises (200 steps, heuristic policy, several seeds).
#include <catch2/catch.hpp>

#include <map>

#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;

namespace {

struct Story {
  std::map<EventType, int> events;
  std::map<DefaultCause, int> default_causes;
  int forced_sales = 0;
  int defaults = 0;
  int first_default_step = -1;
  int price_drops = 0;
  double lowest_price = 1e9;
  double lowest_liquidity = 1.0;
  bool core_bank_forced = false;
};

Story tell(const std::string& scenario, std::uint64_t seed) {
  auto sim = Simulation::create(scenario_config(scenario).value(), seed);
  REQUIRE(sim.ok());
  Story s;
  for (int t = 1; t <= 200; ++t) {
    sim->step();
    for (const Event& e : sim->events()) {
      ++s.events[e.type];
      if (e.type == EventType::fire_sale && e.sale_cause != SaleCause::voluntary) ++s.forced_sales;
      if (e.type == EventType::price_drop) ++s.price_drops;
      if (e.type == EventType::bank_default) {
        ++s.default_causes[e.default_cause];
        if (s.first_default_step < 0) s.first_default_step = t;
        if (e.default_cause == DefaultCause::forced && sim->bank(e.from).tier == 1) s.core_bank_forced = true;
      }
    }
    s.lowest_price = std::min(s.lowest_price, sim->price());
    s.lowest_liquidity = std::min(s.lowest_liquidity, sim->metrics().liquidity);
  }
  s.defaults = sim->metrics().defaulted_banks;
  return s;
}

}  // namespace

TEST_CASE("calm: lending keeps everyone liquid and nobody defaults") {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 42u}) {
    INFO("seed " << seed);
    Story s = tell("calm", seed);
    CHECK(s.defaults == 0);
    CHECK(s.events[EventType::lend] > 200);
    CHECK(s.events[EventType::hoard] <= 20);  // rare nervousness: under 0.1 % of 20,000 bank-steps
    CHECK(s.forced_sales == 0);
    CHECK(s.lowest_liquidity > 0.9);
  }
}

TEST_CASE("liquidity_freeze: a withdrawal shock, hoarding, forced sales and illiquidity defaults") {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 42u}) {
    INFO("seed " << seed);
    Story s = tell("liquidity_freeze", seed);
    CHECK(s.first_default_step > 10);
    CHECK(s.events[EventType::hoard] > 10);
    CHECK(s.events[EventType::fire_sale] > 10);
    CHECK(s.default_causes[DefaultCause::illiquid] > 0);
    CHECK(s.lowest_liquidity < 0.9);
    CHECK(s.defaults > 0);
    CHECK(s.defaults < 100);
  }
}

TEST_CASE("fire_sale_spiral: a price shock amplified by sales into insolvency defaults") {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 42u}) {
    INFO("seed " << seed);
    Story s = tell("fire_sale_spiral", seed);
    CHECK(s.first_default_step >= 10);  // nothing fails before the shock; the shock may sink the weakest
    CHECK(s.events[EventType::fire_sale] > 50);
    CHECK(s.price_drops >= 2);          // the spiral: more than the one shock
    CHECK(s.lowest_price < 0.85);       // well below the 12 % shock
    CHECK(s.default_causes[DefaultCause::insolvent] > 0);
  }
}

TEST_CASE("core_default: a tier-1 failure spreads along exposures") {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 42u}) {
    INFO("seed " << seed);
    Story s = tell("core_default", seed);
    CHECK(s.first_default_step == 10);
    CHECK(s.core_bank_forced);
    CHECK(s.defaults > 5);  // the failure did not stay alone
    CHECK(s.default_causes[DefaultCause::insolvent] + s.default_causes[DefaultCause::illiquid] > 5);
  }
}

TEST_CASE("gai_kapadia: one failure in the contagion window spreads through the network") {
  for (std::uint64_t seed : {1u, 2u, 3u, 42u}) {
    INFO("seed " << seed);
    Story s = tell("gai_kapadia", seed);
    CHECK(s.first_default_step == 5);
    CHECK(s.default_causes[DefaultCause::forced] == 1);
    CHECK(s.defaults >= 5);  // Gai & Kapadia's contagion: at least 5 % of banks
  }
}
