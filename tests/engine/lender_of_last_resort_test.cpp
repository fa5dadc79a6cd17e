// The lender of last resort (docs/model.md §4, phase 3d): solvent banks short of cash borrow from the
// central bank against collateral, before they sell; insolvent banks get nothing.
#include <catch2/catch.hpp>

#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;

namespace {

struct FreezeRun {
  double central_bank_loans = 0.0;
  double forced_sale_proceeds = 0.0;
  int illiquid_defaults = 0;
  int defaults = 0;
};

FreezeRun freeze(int lolr, std::uint64_t seed) {
  SimConfig c = scenario_config("liquidity_freeze").value();
  c.lender_of_last_resort = lolr;
  auto sim = Simulation::create(c, seed);
  REQUIRE(sim.ok());
  FreezeRun r;
  for (int t = 0; t < 60; ++t) {
    sim->step();
    r.central_bank_loans += sim->ledger().central_bank_loans;
    for (const Event& e : sim->events()) {
      if (e.type == EventType::fire_sale && e.sale_cause != SaleCause::voluntary) r.forced_sale_proceeds += e.amount;
      if (e.type == EventType::bank_default && e.default_cause == DefaultCause::illiquid) ++r.illiquid_defaults;
    }
  }
  r.defaults = sim->metrics().defaulted_banks;
  return r;
}

}  // namespace

TEST_CASE("without a lender of last resort nobody borrows from the central bank") {
  const FreezeRun r = freeze(0, 3);
  CHECK(r.central_bank_loans == 0.0);
  CHECK(r.illiquid_defaults > 0);
}

TEST_CASE("with a lender of last resort the freeze's illiquidity defaults and forced sales give way to loans") {
  for (std::uint64_t seed : {3u, 4u, 5u}) {
    INFO("seed " << seed);
    const FreezeRun without = freeze(0, seed), with = freeze(1, seed);
    CHECK(with.central_bank_loans > 0.0);
    CHECK(with.illiquid_defaults < without.illiquid_defaults);
    CHECK(with.forced_sale_proceeds < without.forced_sale_proceeds);
    CHECK(with.defaults <= without.defaults / 2);
  }
}

TEST_CASE("only banks solvent when the step begins borrow, and never beyond their collateral") {
  SimConfig c = scenario_config("liquidity_freeze").value();
  c.lender_of_last_resort = 1;
  auto sim = Simulation::create(c, 6);
  REQUIRE(sim.ok());
  int borrowers = 0;
  for (int t = 0; t < 60; ++t) {
    std::vector<BankReport> before;
    for (int i = 0; i < sim->banks(); ++i) before.push_back(sim->bank(i));
    const double price = sim->price();
    sim->step();
    for (int i = 0; i < sim->banks(); ++i) {
      const BankReport& b = before[i];
      const double grown = b.central_bank_funding * (1 + c.central_bank_rate);
      if (b.defaulted || sim->bank(i).central_bank_funding <= grown + 1e-9) continue;
      ++borrowers;
      CHECK(b.equity > 0.0);
      const double collateral = (1 - c.lolr_haircut) * b.holdings * price + (1 - c.lolr_loan_haircut) * b.loan_book;
      CHECK(sim->bank(i).central_bank_funding <= std::max(collateral, grown) * 1.05 + 1e-9);
    }
  }
  CHECK(borrowers > 0);
}
