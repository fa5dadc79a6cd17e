// Hoarding is a stance (docs/model.md §4, phase 3a): after a HOARD a bank extends no new loans for
// hoard_persistence steps and lets hoard_runoff_share of its loans run off each of them. A hoard asks the
// most of the borrowers stressed beyond the alarm level (hoard_alarm_stress).
#include <catch2/catch.hpp>

#include <vector>

#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;


namespace {

// A calm run in which the largest core bank is made to HOARD at step 20; returns that bank.
int hoard_at_step_20(Simulation& sim) {
  for (int t = 0; t < 19; ++t) sim.step();
  const int bank = largest_core_bank(sim);
  REQUIRE(sim.intervene({Intervention::Kind::force_action, bank, 0.0, Action::hoard}).ok());
  sim.step();
  return bank;
}

// One loan of the hoarder: its amount and the borrower's stress before the hoard's step, and what the HOARD
// recalled of it.
struct Recall {
  double loan = 0.0;
  double borrower_stress = 0.0;
  double recalled = 0.0;
};

// How a hoard is asked for: the alarm level and the share of its lending it recalls.
struct Rule {
  double alarm = 0.2;
  double share = 0.5;
};

// The loans of the largest core bank of `scenario`'s seed 21 made to HOARD at `step` under `rule`. Nobody
// else hoards (heuristic+no_hoard), so the runs are the same until that HOARD whatever the rule.
std::vector<Recall> recalls_of_a_hoard(const char* scenario, int step, Rule rule) {
  SimConfig c = scenario_config(scenario).value();
  c.hoard_alarm_stress = rule.alarm;
  c.hoard_recall_share = rule.share;
  c.policy = "heuristic+no_hoard";
  auto sim = Simulation::create(c, 21);
  REQUIRE(sim.ok());
  for (int t = 0; t < step - 1; ++t) sim->step();
  const int bank = largest_core_bank(*sim);
  const auto& links = sim->network().links;
  std::vector<Recall> out;
  std::vector<std::size_t> index;
  for (std::size_t l = 0; l < links.size(); ++l) {
    if (links[l].first != bank || sim->loans()[l] <= 0.0 || sim->bank(links[l].second).defaulted) continue;
    out.push_back({sim->loans()[l], sim->bank(links[l].second).stress, 0.0});
    index.push_back(l);
  }
  REQUIRE(sim->intervene({Intervention::Kind::force_action, bank, 0.0, Action::hoard}).ok());
  sim->step();
  for (std::size_t k = 0; k < index.size(); ++k) out[k].recalled = sim->recalls()[index[k]];
  return out;
}

// What one hoard asked of each loan, against the rule (docs/model.md, phase 3a).
struct Asked {
  int partly = 0;             // loans recalled in part
  int whole = 0;              // loans called whole
  int unasked = 0;            // loans not asked for at all (borrowers nobody fears)
  double least_share = 1.0;   // the smallest and largest share of a loan recalled
  double most_share = 0.0;
  double most_stress = 0.0;   // the most stressed borrower's stress
};

Asked check_recall_rule(const char* scenario, int step, Rule rule) {
  const SimConfig c = scenario_config(scenario).value();
  const std::vector<Recall> feared = recalls_of_a_hoard(scenario, step, rule);
  const std::vector<Recall> alike = recalls_of_a_hoard(scenario, step, {1.0, rule.share});
  REQUIRE(feared.size() == alike.size());
  REQUIRE(feared.size() >= 3);
  Asked asked;
  double total_feared = 0.0, total_alike = 0.0, lent = 0.0, lent_to_feared = 0.0;
  double scale = -1.0;  // λ: recalled / (loan × max(stress, alarm)) of every loan recalled in part
  double least_whole = 2.0, most_partly = -1.0;
  for (std::size_t k = 0; k < feared.size(); ++k) {
    const Recall& r = feared[k];
    INFO("loan " << k << ": " << r.loan << " to a borrower at stress " << r.borrower_stress << ", recalled "
                 << r.recalled);
    // Loans grew by the interbank rate in phase 1 before the recall, all alike.
    const double grown = r.loan * (1 + c.interbank_rate);
    const double fear = std::max(r.borrower_stress, rule.alarm);
    lent += grown;
    if (fear > 0.0) lent_to_feared += grown;
    asked.most_stress = std::max(asked.most_stress, r.borrower_stress);
    CHECK(alike[k].recalled == Approx(rule.share * grown).epsilon(1e-15));  // asking alike: share × loan
    total_alike += alike[k].recalled;
    total_feared += r.recalled;
    CHECK(r.recalled >= 0.0);
    CHECK(r.recalled <= grown * (1 + 1e-12));
    asked.least_share = std::min(asked.least_share, r.recalled / grown);
    asked.most_share = std::max(asked.most_share, r.recalled / grown);
    if (fear == 0.0) {  // nobody fears a borrower at stress 0 when there is no alarm level
      CHECK(r.recalled == 0.0);
      ++asked.unasked;
      continue;
    }
    if (r.recalled == Approx(grown).epsilon(1e-12)) {
      ++asked.whole;
      least_whole = std::min(least_whole, fear);
      continue;
    }
    ++asked.partly;
    most_partly = std::max(most_partly, fear);
    const double lambda = r.recalled / (grown * fear);
    if (scale < 0.0) scale = lambda;
    CHECK(lambda == Approx(scale).epsilon(1e-9));  // pro rata to loan × fear
  }
  INFO(asked.whole << " of " << feared.size() << " loans called whole, " << asked.partly << " in part, "
                   << asked.unasked << " not asked");
  CHECK(least_whole >= most_partly);  // only the most feared borrowers lose their whole loan
  if (asked.partly > 0) CHECK(scale * most_partly < 1.0);  // no loan in part is asked for all of it
  // The same total as asking alike — the alarm decides whom the hoard asks, not how much — unless the
  // loans to every borrower it fears are worth less: then it calls those whole and takes no more.
  CHECK(total_alike == Approx(rule.share * lent).epsilon(1e-12));
  CHECK(total_feared == Approx(std::min(total_alike, lent_to_feared)).epsilon(1e-12));
  return asked;
}

}  // namespace

TEST_CASE("in a freeze a hoard asks the stressed borrowers for more, pro rata to stress, and as much in all") {
  // Step 12: the run has hit the periphery, whose banks' stresses now differ widely.
  REQUIRE(scenario_config("liquidity_freeze").value().hoard_alarm_stress == 0.2);
  REQUIRE(scenario_config("liquidity_freeze").value().hoard_recall_share == 0.5);
  const Asked asked = check_recall_rule("liquidity_freeze", 12, {0.2, 0.5});
  CHECK(asked.partly >= 3);
  // The borrowers it would ask for more than their loan are called whole, the rest spread over the others.
  CHECK(asked.whole >= 1);
  CHECK(asked.most_share > 1.5 * asked.least_share);
}

TEST_CASE("a hoard of a larger share calls more loans whole and still takes the share in all") {
  const Asked half = check_recall_rule("liquidity_freeze", 12, {0.2, 0.5});
  const Asked most = check_recall_rule("liquidity_freeze", 12, {0.2, 0.9});
  CHECK(most.whole > half.whole);
  CHECK(most.partly >= 1);
}

TEST_CASE("a hoard of everything calls every loan whole, leaving no dust") {
  const Asked asked = check_recall_rule("liquidity_freeze", 12, {0.2, 1.0});
  CHECK(asked.partly == 0);
  CHECK(asked.least_share == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("in calm, with every borrower below the alarm level, a hoard asks every loan alike") {
  const Asked asked = check_recall_rule("calm", 20, {0.2, 0.5});
  REQUIRE(asked.most_stress < 0.2);
  CHECK(asked.whole == 0);
  CHECK(asked.most_share == Approx(asked.least_share).epsilon(1e-12));
}

TEST_CASE("with no alarm level, a calm hoard asks nothing of borrowers at stress 0 and takes no more") {
  const Asked asked = check_recall_rule("calm", 20, {0.0, 0.5});
  CHECK(asked.unasked >= 1);
  CHECK(asked.whole >= 1);
}

TEST_CASE("a hoarder keeps calling its loans and lends nothing while the stance lasts, then lends again") {
  SimConfig c = scenario_config("calm").value();
  auto sim = Simulation::create(c, 21);
  REQUIRE(sim.ok());
  const int bank = hoard_at_step_20(*sim);
  double lent = sim->bank(bank).lent;
  for (int k = 1; k <= c.hoard_persistence; ++k) {
    INFO("step " << k << " after the HOARD");
    sim->begin_step();
    CHECK_FALSE(allows(sim->action_masks()[bank], Action::lend));
    std::vector<Action> wanted(static_cast<std::size_t>(sim->banks()), Action::hold);
    sim->complete_step(wanted);
    double called = 0.0;
    for (const Event& e : sim->events())
      if (e.type == EventType::hoard && e.from == bank) called = e.amount;
    CHECK(called > 0.0);
    CHECK(called <= c.hoard_runoff_share * lent * (1 + c.interbank_rate) + 1e-9);
    CHECK(sim->bank(bank).lent < lent);
    lent = sim->bank(bank).lent;
  }
  // The stance is over: with nobody choosing to hoard, nothing is called any more.
  std::vector<Action> calm(static_cast<std::size_t>(sim->banks()), Action::hold);
  sim->begin_step();
  sim->complete_step(calm);
  for (const Event& e : sim->events()) CHECK_FALSE((e.type == EventType::hoard && e.from == bank));
}

TEST_CASE("with no persistence a HOARD is one step") {
  SimConfig c = scenario_config("calm").value();
  c.hoard_persistence = 0;
  auto sim = Simulation::create(c, 21);
  REQUIRE(sim.ok());
  const int bank = hoard_at_step_20(*sim);
  std::vector<Action> wanted(static_cast<std::size_t>(sim->banks()), Action::hold);
  sim->begin_step();
  sim->complete_step(wanted);
  for (const Event& e : sim->events()) CHECK_FALSE((e.type == EventType::hoard && e.from == bank));
}
