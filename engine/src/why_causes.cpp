// Collecting a failed bank's candidate causes from the run itself (why_causes.hpp).
//
// Between steps the tracer keeps what the next step starts from (the loans on the bank's links, its own
// condition); after the step it reads the step's events and the simulation's state: a HOARD by a bank that
// had a live loan to it is a recall of that loan (phase 3a recalls every live loan of a hoarding lender);
// a DEFAULT of its debtor with recovery below 1 cost it part of its claim; a DEFAULT of its lender it
// survived left it a called loan (phase 5); a voluntary FIRE_SALE by another bank while it held securities
// moved the price it marks them at; liquidity stress above run_threshold at the start of a step makes its
// depositors run in that step (phase 1).
#include "why_causes.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <tuple>

namespace finsim::why {
namespace {

class CauseTracer {
 public:
  CauseTracer(const Simulation& sim, int bank) : bank_(bank), config_(sim.config()) {
    const auto& links = sim.network().links;
    lender_link_.assign(static_cast<std::size_t>(sim.banks()), -1);
    debtor_link_.assign(static_cast<std::size_t>(sim.banks()), -1);
    for (std::size_t l = 0; l < links.size(); ++l) {
      if (links[l].second == bank && lender_link_[links[l].first] < 0) lender_link_[links[l].first] = static_cast<int>(l);
      if (links[l].first == bank && debtor_link_[links[l].second] < 0) debtor_link_[links[l].second] = static_cast<int>(l);
    }
  }

  void before_step(const Simulation& sim) {
    const auto loans = sim.loans();
    loans_before_.assign(loans.begin(), loans.end());
    before_ = sim.bank(bank_);
  }

  void after_step(const Simulation& sim, const RunRecipe& recipe, int step, const std::vector<int>& queued) {
    const SimConfig& c = config_;
    if (c.run_sensitivity > 0.0 && before_.liquidity_stress > c.run_threshold && before_.deposits > 0.0)
      if (CandidateCause& x = touch(CauseKind::deposit_run, -1, step); x.removal.calm_depositors.empty())
        x.removal.calm_depositors.push_back({bank_, step});
    if (step == c.shock_step) {
      const bool hit = sim.withdrawal_shocked()[bank_] != 0;
      if (scenario_shock_acts()) {
        CandidateCause& x = scenario_shock(sim, step);
        // Its own withdrawal is a cause of its own: removing the rest of the shock keeps it.
        if (hit) x.removal.still_hit_by_withdrawal_shock = {bank_};
      }
      if (hit) {
        CandidateCause& x = touch(CauseKind::withdrawal_shock, -1, step);
        x.cause.amount = c.shock_withdrawal;
        x.removal.spared_by_withdrawal_shock = {bank_};
      }
    }
    for (const Event& e : sim.events()) read_event(sim, e, step);
    for (const int k : queued) {
      CandidateCause& x = touch(CauseKind::intervention, k, step);  // keyed by control, not by bank
      const Intervention& iv = recipe.controls[static_cast<std::size_t>(k)].intervention;
      x.cause.bank = iv.kind == Intervention::Kind::price_shock || iv.kind == Intervention::Kind::policy ? -1 : iv.bank;
      x.cause.control = k;
      x.cause.intervention = iv;
      x.cause.amount = iv.amount;
    }
  }

  std::vector<CandidateCause> candidates() && {
    std::vector<CandidateCause> out;
    out.reserve(found_.size());
    for (auto& [key, x] : found_) out.push_back(std::move(x));
    std::stable_sort(out.begin(), out.end(), [](const CandidateCause& a, const CandidateCause& b) {
      return std::tuple(a.cause.steps.front(), a.cause.kind, a.cause.bank, a.cause.control) <
             std::tuple(b.cause.steps.front(), b.cause.kind, b.cause.bank, b.cause.control);
    });
    return out;
  }

 private:
  // The candidate (kind, key) with `step` added to its steps; created on first touch.
  CandidateCause& touch(CauseKind kind, int key, int step) {
    CandidateCause& x = found_[{kind, key}];
    if (x.cause.steps.empty()) {
      x.cause.kind = kind;
      x.cause.bank = key;
    }
    if (x.cause.steps.empty() || x.cause.steps.back() != step) x.cause.steps.push_back(step);
    return x;
  }

  [[nodiscard]] bool scenario_shock_acts() const {
    const SimConfig& c = config_;
    return c.shock_step > 0 &&
           (c.shock_price > 0.0 || (c.shock_withdrawal > 0.0 && c.shock_target_share > 0.0) || c.shock_defaults > 0);
  }

  // The shock as a whole; its `bank` is the first bank it alone forced to fail (a DEFAULT `forced_by` the
  // shock, not also by a force_default control of that step), -1 if none.
  CandidateCause& scenario_shock(const Simulation& sim, int step) {
    CandidateCause& x = touch(CauseKind::scenario_shock, -1, step);
    x.removal.without_scenario_shock = true;
    for (const Event& e : sim.events())
      if (e.type == EventType::bank_default && e.forced_by == ForcedBy::shock) {
        x.cause.bank = e.from;
        break;
      }
    return x;
  }

  void read_event(const Simulation& sim, const Event& e, int step) {
    if (e.from == bank_ || e.from < 0) return;
    const int j = e.from;
    // What j's hoard asked of its loan to this bank: nothing when it was not feared (docs/model.md, phase
    // 3a), and then it is no cause.
    const double recalled = lender_link_[j] >= 0 ? sim.recalls()[static_cast<std::size_t>(lender_link_[j])] : 0.0;
    if (e.type == EventType::hoard && recalled > 0.0 && loans_before_[lender_link_[j]] > 0.0 && !before_.defaulted) {
      CandidateCause& x = touch(CauseKind::recall, j, step);
      x.cause.amount += recalled;
      if (x.removal.spared_loans.empty()) x.removal.spared_loans.push_back({j, bank_, step});
    } else if (e.type == EventType::bank_default) {
      if (debtor_link_[j] >= 0 && loans_before_[debtor_link_[j]] > 0.0 && e.recovery < 1.0) {
        CandidateCause& x = touch(CauseKind::debtor_default, j, step);
        x.cause.amount = loans_before_[debtor_link_[j]];
        x.cause.recovery = e.recovery;
        x.removal.guaranteed_claims = {{bank_, j}};
      }
      if (lender_link_[j] >= 0 && loans_before_[lender_link_[j]] > 0.0 && !sim.bank(bank_).defaulted) {
        CandidateCause& x = touch(CauseKind::called_loan, j, step);
        x.cause.amount = loans_before_[lender_link_[j]];
        x.removal.uncalled_loans = {{j, bank_}};
      }
    } else if (e.type == EventType::fire_sale && e.sale_cause == SaleCause::voluntary && before_.holdings > 0.0) {
      CandidateCause& x = touch(CauseKind::price_fall, -1, step);
      if (x.removal.action_bans.empty())
        for (int i = 0; i < sim.banks(); ++i)
          if (i != bank_) x.removal.action_bans.push_back({i, Action::fire_sale, step});
    }
  }

  int bank_;
  SimConfig config_;
  std::vector<int> lender_link_;  // by bank: the link on which it lends to bank_, or -1
  std::vector<int> debtor_link_;  // by bank: the link on which bank_ lends to it, or -1
  std::vector<double> loans_before_;
  BankReport before_;
  std::map<std::pair<CauseKind, int>, CandidateCause> found_;
};

}  // namespace

Result<TracedWorld> trace_world(const RunRecipe& recipe, int bank, const World& world, WorkBudget* budget) {
  auto sim = start_run(recipe);
  if (!sim.ok()) return sim.error();
  if (bank < 0 || bank >= sim->banks())
    return make_error("unknown_bank", "bank " + std::to_string(bank) + " does not exist (0.." + std::to_string(sim->banks() - 1) + ")");
  if (!world.removal.empty())
    if (Status st = sim->set_counterfactual(world.removal); !st.ok()) return st.error();
  CauseTracer tracer(*sim, bank);
  TracedWorld traced;
  for (int step = 1; step <= recipe.steps; ++step) {
    if (budget != nullptr && !budget->spend(sim->banks()))
      return make_error("analysis_too_large", "the explanation's bound on banks × steps ran out at step " + std::to_string(step));
    tracer.before_step(*sim);
    const std::vector<int> queued = queue_controls(*sim, recipe, step, world.removed_controls);
    sim->step();
    tracer.after_step(*sim, recipe, step, queued);
    if (const BankReport b = sim->bank(bank); b.defaulted) {
      traced.outcome = {true, b.default_timestep, b.default_cause, b.forced_by};
      break;
    }
  }
  traced.candidates = std::move(tracer).candidates();
  return traced;
}

bool holds(const std::vector<CandidateCause>& candidates, const FailureCause& cause) {
  const auto& group = cause.banks;
  for (const CandidateCause& c : candidates) {
    if (c.cause.kind != cause.kind) continue;
    if (cause.kind == CauseKind::scenario_shock) return true;  // whichever bank it failed
    if (!group.empty() && std::binary_search(group.begin(), group.end(), c.cause.bank)) return true;
    if (group.empty() && c.cause.bank == cause.bank && c.cause.control == cause.control) return true;
  }
  return false;
}

std::vector<CandidateCause> grouped_by_kind(std::vector<CandidateCause> candidates) {
  std::map<CauseKind, int> count;
  for (const CandidateCause& c : candidates) ++count[c.cause.kind];
  std::vector<CandidateCause> out;
  std::map<CauseKind, std::size_t> group_of;  // kind → its group in out
  for (CandidateCause& c : candidates) {
    const CauseKind k = c.cause.kind;
    if ((k != CauseKind::recall && k != CauseKind::called_loan && k != CauseKind::debtor_default) || count[k] < 2) {
      out.push_back(std::move(c));
      continue;
    }
    const auto [it, first] = group_of.try_emplace(k, out.size());
    if (first) {
      c.cause.banks = {c.cause.bank};
      c.cause.bank = -1;
      out.push_back(std::move(c));
      continue;
    }
    FailureCause& g = out[it->second].cause;
    g.banks.push_back(c.cause.bank);
    g.amount += c.cause.amount;
    g.recovery = std::min(g.recovery, c.cause.recovery);
    std::vector<int> steps;
    std::set_union(g.steps.begin(), g.steps.end(), c.cause.steps.begin(), c.cause.steps.end(), std::back_inserter(steps));
    g.steps = std::move(steps);
    out[it->second].removal.merge(c.removal);
  }
  for (CandidateCause& c : out) std::sort(c.cause.banks.begin(), c.cause.banks.end());
  return out;
}

}  // namespace finsim::why
