// Counterfactual hooks (counterfactual.hpp): switched off they change no byte of a run; switched on,
// each removes exactly the mechanism it names from the step it names, and nothing else in that step.
#include <catch2/catch.hpp>

#include <string>

#include "finsim/counterfactual.hpp"
#include "finsim/messages.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;

namespace {

Simulation world(const std::string& scenario, std::uint64_t seed, const std::string& policy = "heuristic") {
  SimConfig config = scenario_config(scenario).value();
  config.policy = policy;
  auto sim = Simulation::create(config, seed);
  REQUIRE(sim.ok());
  return std::move(sim).value();
}

// The NDJSON stream of `sim` over `steps` steps, with the golden stream's injection at step 15.
std::string stream_of(Simulation& sim, int steps) {
  std::string out = state_update_json(sim) + "\n";
  for (int t = 1; t <= steps; ++t) {
    if (t == 15) REQUIRE(sim.intervene({Intervention::Kind::inject_liquidity, 20, 30.0}).ok());
    sim.step();
    for (const Event& e : sim.events()) out += event_json(e) + "\n";
    out += state_update_json(sim) + "\n" + metrics_update_json(sim) + "\n";
  }
  return out;
}

// The same world with `removed` switched on in its hooks.
Simulation world_without(const Counterfactual& removed, const std::string& scenario, std::uint64_t seed,
                         const std::string& policy = "heuristic") {
  Simulation sim = world(scenario, seed, policy);
  REQUIRE(sim.set_counterfactual(removed).ok());
  return sim;
}

void run_to(Simulation& sim, int step) {
  while (sim.timestep() < step) sim.step();
}

// The link on which `lender` lends to `borrower` (-1 if none).
int link_between(const Simulation& sim, int lender, int borrower) {
  const auto& links = sim.network().links;
  for (std::size_t l = 0; l < links.size(); ++l)
    if (links[l].first == lender && links[l].second == borrower) return static_cast<int>(l);
  return -1;
}

double hoard_amount(const Simulation& sim, int bank) {
  for (const Event& e : sim.events())
    if (e.type == EventType::hoard && e.from == bank) return e.amount;
  return 0.0;
}

}  // namespace

TEST_CASE("without a counterfactual or with hooks that act only after the run the stream is byte-identical") {
  Simulation plain = world("liquidity_freeze", 42);
  const std::string expected = stream_of(plain, 120);

  Simulation emptied = world("liquidity_freeze", 42);
  REQUIRE(emptied.set_counterfactual(Counterfactual{}).ok());
  CHECK(stream_of(emptied, 120) == expected);

  // Every step-based hook on, for every bank and link, from a step the run never reaches: the phases take
  // the hooked paths (the counterfactual clearing problem among them) and must still change nothing.
  Simulation hooked = world("liquidity_freeze", 42);
  Counterfactual late;
  for (const auto& [lender, borrower] : hooked.network().links) late.spared_loans.push_back({lender, borrower, 1000});
  for (int i = 0; i < hooked.banks(); ++i) {
    late.action_bans.push_back({i, Action::fire_sale, 1000});
    late.action_bans.push_back({i, Action::hoard, 1000});
    late.calm_depositors.push_back({i, 1000});
  }
  REQUIRE(hooked.set_counterfactual(late).ok());
  CHECK(stream_of(hooked, 120) == expected);
}

TEST_CASE("set_counterfactual refuses unknown banks and pairs that are not links and changes nothing then") {
  Simulation sim = world("calm", 3000);
  Counterfactual bad;
  bad.calm_depositors.push_back({sim.banks(), 1});
  CHECK(sim.set_counterfactual(bad).error().code == "unknown_bank");
  Counterfactual no_link;
  no_link.spared_loans.push_back({0, 0, 1});  // nobody lends to itself
  CHECK(sim.set_counterfactual(no_link).error().code == "bad_request");
  Simulation plain = world("calm", 3000);
  CHECK(stream_of(sim, 20) == stream_of(plain, 20));
}

TEST_CASE("a spared loan is not recalled while the lender's other loans are") {
  Simulation base = world("calm", 3000);
  run_to(base, 5);
  const int lender = largest_core_bank(base);
  int borrower = -1, link = -1;
  for (std::size_t l = 0; l < base.network().links.size() && borrower < 0; ++l)
    if (base.network().links[l].first == lender && base.loans()[l] > 0.0) {
      borrower = base.network().links[l].second;
      link = static_cast<int>(l);
    }
  REQUIRE(borrower >= 0);
  Counterfactual cf;
  cf.spared_loans.push_back({lender, borrower, 6});
  Simulation spared = world_without(cf, "calm", 3000);
  run_to(spared, 5);
  const Intervention hoard{Intervention::Kind::force_action, lender, 0.0, Action::hoard};
  REQUIRE(base.intervene(hoard).ok());
  REQUIRE(spared.intervene(hoard).ok());
  const double before = base.loans()[link];
  base.step();
  spared.step();
  const SimConfig& c = base.config();
  const double recalled = c.hoard_recall_share * (before + c.interbank_rate * before);
  CHECK(hoard_amount(spared, lender) > 0.0);  // the other loans are recalled
  CHECK(hoard_amount(base, lender) - hoard_amount(spared, lender) == Approx(recalled).epsilon(1e-12));
  CHECK(spared.loans()[link] > base.loans()[link]);
}

TEST_CASE("a banned voluntary action becomes HOLD from its step and an imposed one still happens") {
  Simulation base = world("fire_sale_spiral", 3000, "all_fire_sale");
  int seller = -1, first_sale = -1;
  for (int t = 1; t <= 30 && seller < 0; ++t) {
    base.step();
    for (const Event& e : base.events())
      if (e.type == EventType::fire_sale && e.sale_cause == SaleCause::voluntary && seller < 0) {
        seller = e.from;
        first_sale = t;
      }
  }
  REQUIRE(seller >= 0);
  Counterfactual cf;
  cf.action_bans.push_back({seller, Action::fire_sale, first_sale});
  Simulation banned = world_without(cf, "fire_sale_spiral", 3000, "all_fire_sale");
  const int imposed_step = first_sale + 2;
  for (int t = 1; t <= 30 && !banned.bank(seller).defaulted; ++t) {
    if (t == imposed_step) REQUIRE(banned.intervene({Intervention::Kind::force_action, seller, 0.0, Action::fire_sale}).ok());
    banned.step();
    CHECK((banned.actions()[seller] == Action::fire_sale) == (t == imposed_step));
  }
  CHECK(banned.timestep() > imposed_step);  // it lived to take the imposed sale
}

TEST_CASE("the withdrawal shock spares the bank named and hits every other bank the draw picks") {
  Simulation base = world("liquidity_freeze", 3000);
  const int shock = base.config().shock_step;
  run_to(base, shock);
  int hit = -1;
  for (int i = 0; i < base.banks() && hit < 0; ++i)
    if (base.withdrawal_shocked()[i]) hit = i;
  REQUIRE(hit >= 0);
  Counterfactual cf;
  cf.spared_by_withdrawal_shock.push_back(hit);
  Simulation spared = world_without(cf, "liquidity_freeze", 3000);
  run_to(spared, shock);
  for (int i = 0; i < base.banks(); ++i) CHECK(spared.withdrawal_shocked()[i] == (i == hit ? 0 : base.withdrawal_shocked()[i]));

  // Without the rest of the shock only that bank's own withdrawal comes.
  Counterfactual rest;
  rest.without_scenario_shock = true;
  rest.still_hit_by_withdrawal_shock.push_back(hit);
  Simulation only_own = world_without(rest, "liquidity_freeze", 3000);
  run_to(only_own, shock);
  for (int i = 0; i < base.banks(); ++i) CHECK(only_own.withdrawal_shocked()[i] == (i == hit ? 1 : 0));
}

TEST_CASE("without the scenario's shock core_default is byte for byte the run in which no core bank is failed") {
  Counterfactual cf;
  cf.without_scenario_shock = true;
  Simulation removed = world_without(cf, "core_default", 3000);
  SimConfig no_failure = scenario_config("core_default").value();
  no_failure.shock_defaults = 0;  // draws nothing: the exogenous stream is the same
  auto reference = Simulation::create(no_failure, 3000);
  REQUIRE(reference.ok());
  CHECK(stream_of(removed, 30) == stream_of(*reference, 30));
}

TEST_CASE("calm depositors do not run from the step named") {
  Simulation base = world("liquidity_freeze", 3000);
  int runner = -1, step = -1;
  for (int t = 1; t <= 40 && runner < 0; ++t) {
    for (int i = 0; i < base.banks() && runner < 0; ++i) {
      const BankReport b = base.bank(i);
      if (!b.defaulted && b.deposits > 0.0 && b.liquidity_stress > base.config().run_threshold + 0.2) runner = i;
    }
    base.step();
    if (runner >= 0 && base.bank(runner).defaulted) runner = -1;  // pays its depositors pro rata: no clean reading
    step = t;
  }
  REQUIRE(runner >= 0);
  Counterfactual cf;
  cf.calm_depositors.push_back({runner, step});
  Simulation calm = world_without(cf, "liquidity_freeze", 3000);
  run_to(calm, step);
  CHECK(calm.bank(runner).deposits > base.bank(runner).deposits);
}

TEST_CASE("a guaranteed claim on a failing debtor is paid in full in the same step's clearing") {
  // core_default, seed 3000: bank 32 fails with the largest core bank (bank 2) at step 10, insolvent
  // from its loss on its claim on it.
  Simulation base = world("core_default", 3000);
  const int shock = base.config().shock_step;
  run_to(base, shock);
  REQUIRE(base.bank(2).defaulted);
  REQUIRE(base.bank(32).defaulted);
  REQUIRE(base.bank(32).default_cause == DefaultCause::insolvent);
  Counterfactual cf;
  cf.guaranteed_claims.push_back({32, 2});
  Simulation guaranteed = world_without(cf, "core_default", 3000);
  run_to(guaranteed, shock);
  CHECK(guaranteed.bank(2).defaulted);
  CHECK_FALSE(guaranteed.bank(32).defaulted);
}

TEST_CASE("an uncalled loan of a failed lender stays a term liability: the same equity and nothing due") {
  Simulation base = world("core_default", 3000);
  const int shock = base.config().shock_step;
  run_to(base, shock - 1);
  const int failed = largest_core_bank(base);
  std::vector<double> loans_before(base.loans().begin(), base.loans().end());
  base.step();
  REQUIRE(base.bank(failed).defaulted);
  int borrower = -1;
  for (int b = 0; b < base.banks() && borrower < 0; ++b) {
    const int l = link_between(base, failed, b);
    if (l >= 0 && loans_before[l] > 0.0 && !base.bank(b).defaulted && base.bank(b).due_to_authority > 0.0) borrower = b;
  }
  REQUIRE(borrower >= 0);
  Counterfactual cf;
  cf.uncalled_loans.push_back({failed, borrower});
  Simulation kept = world_without(cf, "core_default", 3000);
  run_to(kept, shock);
  const BankReport a = base.bank(borrower), b = kept.bank(borrower);
  CHECK(b.due_to_authority < a.due_to_authority);
  CHECK(b.borrowed - a.borrowed == Approx(a.due_to_authority - b.due_to_authority).epsilon(1e-9));
  CHECK(b.equity == Approx(a.equity).epsilon(1e-12));
  // The next step it owes the administrator nothing now: it keeps the cash the called loan took.
  base.step();
  kept.step();
  CHECK(kept.bank(borrower).cash + kept.bank(borrower).holdings_value >
        base.bank(borrower).cash + base.bank(borrower).holdings_value);
}
