// This step's flight of deposits by cause (STATE_UPDATE `run_withdrawal`, `shock_withdrawal`;
// docs/model.md, phase 1 "The flight by cause, reported"): each figure is what its cause took, as a
// counterfactual — without the run, or without the scenario's shock, the bank keeps exactly that much more
// in deposits after the step.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "finsim/counterfactual.hpp"
#include "finsim/messages.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;

namespace {

constexpr std::uint64_t kSeed = 42;

Simulation freeze_at(int step, const Counterfactual& removed = {}) {
  auto sim = Simulation::create(scenario_config("liquidity_freeze").value(), kSeed);
  REQUIRE(sim.ok());
  if (!removed.empty()) REQUIRE(sim->set_counterfactual(removed).ok());
  for (int t = 0; t < step; ++t) sim->step();
  return std::move(*sim);
}

// A bank the identity holds for: periphery (flight to quality re-deposits only at the core), standing
// after the step in both worlds (so it paid its withdrawals in full) and left with deposits (not capped).
bool comparable(const BankReport& factual, const BankReport& without) {
  return factual.tier != 1 && !factual.defaulted && !without.defaulted && factual.deposits > 0.0;
}

}  // namespace

TEST_CASE("a depositors' run: calmed for the step, the bank keeps exactly run_withdrawal more deposits") {
  int checked = 0;
  for (int step = 11; step <= 30 && checked < 12; ++step) {
    const Simulation factual = freeze_at(step);
    for (int b = 0; b < factual.banks() && checked < 12; ++b) {
      const BankReport run = factual.bank(b);
      if (run.run_withdrawal <= 0.0) continue;
      Counterfactual calm;
      calm.calm_depositors.push_back({b, step});
      const Simulation without = freeze_at(step, calm);
      if (!comparable(run, without.bank(b))) continue;
      INFO("step " << step << ", bank " << b);
      CHECK(without.bank(b).run_withdrawal == 0.0);
      CHECK(without.bank(b).deposits - run.deposits == Approx(run.run_withdrawal).epsilon(1e-9));
      ++checked;
    }
  }
  CHECK(checked == 12);
}

TEST_CASE("the scenario's withdrawal shock: spared, the bank keeps exactly shock_withdrawal more deposits") {
  const int shock_step = scenario_config("liquidity_freeze").value().shock_step;
  const Simulation factual = freeze_at(shock_step);
  int hit = 0;
  int checked = 0;
  for (int b = 0; b < factual.banks(); ++b) {
    const BankReport shocked = factual.bank(b);
    if (shocked.shock_withdrawal <= 0.0) continue;
    ++hit;
    if (checked >= 10) continue;
    Counterfactual spared;
    spared.spared_by_withdrawal_shock.push_back(b);
    const Simulation without = freeze_at(shock_step, spared);
    if (!comparable(shocked, without.bank(b))) continue;
    INFO("bank " << b);
    CHECK(without.bank(b).shock_withdrawal == 0.0);
    CHECK(without.bank(b).deposits - shocked.deposits == Approx(shocked.shock_withdrawal).epsilon(1e-9));
    ++checked;
  }
  CHECK(checked == 10);
  // Its reach: the periphery banks its draw picked (80 % of them, docs/model.md's scenario table); no core
  // bank, and nothing at other steps.
  CHECK(hit > 40);
  for (int b = 0; b < factual.banks(); ++b)
    if (factual.bank(b).tier == 1) CHECK(factual.bank(b).shock_withdrawal == 0.0);
  const Simulation before = freeze_at(shock_step - 1);
  const Simulation after = freeze_at(shock_step + 1);
  for (int b = 0; b < factual.banks(); ++b) {
    CHECK(before.bank(b).shock_withdrawal == 0.0);
    CHECK(after.bank(b).shock_withdrawal == 0.0);
  }
}

TEST_CASE("the flight is sent only where there was some, with a bank's details") {
  const Simulation sim = freeze_at(scenario_config("liquidity_freeze").value().shock_step);
  const auto nodes = nlohmann::json::parse(state_update_json(sim))["payload"]["nodes"];
  int sent = 0;
  for (int b = 0; b < sim.banks(); ++b) {
    const BankReport r = sim.bank(b);
    CHECK(nodes[b].contains("shock_withdrawal") == (r.shock_withdrawal >= 1e-6));
    CHECK(nodes[b].contains("run_withdrawal") == (r.run_withdrawal >= 1e-6));
    if (nodes[b].contains("shock_withdrawal")) {
      CHECK(nodes[b]["shock_withdrawal"].get<double>() == Approx(r.shock_withdrawal).margin(1e-6));
      ++sent;
    }
  }
  CHECK(sent > 40);
  const auto compact = nlohmann::json::parse(state_update_json(sim, {.bank_details = false}))["payload"]["nodes"];
  for (const auto& n : compact) CHECK_FALSE((n.contains("shock_withdrawal") || n.contains("run_withdrawal")));
  // A calm step has none.
  auto calm = Simulation::create(scenario_config("calm").value(), kSeed);
  REQUIRE(calm.ok());
  calm->step();
  const std::string text = state_update_json(*calm);
  CHECK(text.find("shock_withdrawal") == std::string::npos);
}
