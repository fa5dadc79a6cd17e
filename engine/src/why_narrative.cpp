// Labels and sentences of the why-analysis (why_narrative.hpp). Numbers are written by the serializer's
// append_number, so the text is the same natively and in WebAssembly.
#include "why_narrative.hpp"

#include <algorithm>
#include <cctype>

#include "finsim/messages.hpp"

namespace finsim::why {
namespace {

std::string bank_name(int i) { return "Bank " + std::to_string(i); }

std::string number(double x, int decimals) {
  std::string out;
  append_number(out, x, decimals);
  return out;
}

std::string percent(double share) { return number(100.0 * share, 1) + " %"; }

// "step 11", "steps 11-15", "steps 11-13, 17".
std::string at_steps(const std::vector<int>& steps) {
  std::string out = steps.size() == 1 ? "step " : "steps ";
  for (std::size_t k = 0; k < steps.size();) {
    std::size_t end = k;
    while (end + 1 < steps.size() && steps[end + 1] == steps[end] + 1) ++end;
    if (k > 0) out += ", ";
    out += std::to_string(steps[k]);
    if (end > k) {
      out.push_back('-');
      out += std::to_string(steps[end]);
    }
    k = end + 1;
  }
  return out;
}

// "Banks 1, 5 and 9".
std::string bank_list(const std::vector<int>& banks) {
  std::string out = "Banks ";
  for (std::size_t k = 0; k < banks.size(); ++k) {
    if (k > 0) out += k + 1 == banks.size() ? " and " : ", ";
    out += std::to_string(banks[k]);
  }
  return out;
}

std::string capitalized(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string shock_parts(const FailureCause& c, const SimConfig& config) {
  std::string parts;
  auto add = [&](const std::string& part) { parts += (parts.empty() ? "" : "; ") + part; };
  if (config.shock_price > 0.0) add("a " + percent(config.shock_price) + " price fall");
  if (config.shock_withdrawal > 0.0 && config.shock_target_share > 0.0)
    add("withdrawals from " + percent(config.shock_target_share) + " of " +
        (config.shock_target == "all" ? std::string("the banks") : "the " + config.shock_target));
  if (c.bank >= 0) add("the failure of " + bank_name(c.bank));
  return parts.empty() ? "" : " (" + parts + ")";
}

std::string intervention_label(const FailureCause& c) {
  const Intervention& iv = c.intervention;
  const std::string when = " at " + at_steps(c.steps);
  switch (iv.kind) {
    case Intervention::Kind::force_default: return "the intervention forcing " + bank_name(iv.bank) + " to default" + when;
    case Intervention::Kind::inject_liquidity: return "the injection of " + number(iv.amount, 2) + " into " + bank_name(iv.bank) + when;
    case Intervention::Kind::price_shock: return "the price shock of " + percent(iv.amount) + when;
    case Intervention::Kind::force_action:
      return "the intervention making " + bank_name(iv.bank) + " " + std::string(action_name(iv.action)) + when;
    case Intervention::Kind::policy: return "the switch of every bank to the " + iv.policy + " policy" + when;
  }
  return "the intervention" + when;
}

std::string group_label(const FailureCause& c) {
  const std::string when = " at " + at_steps(c.steps);
  const std::string banks = bank_list(c.banks);
  if (c.kind == CauseKind::recall) return "the recalls of its loans by " + banks + when;
  if (c.kind == CauseKind::called_loan) return "the calls of its loans from " + banks + " by their administrators" + when;
  return "its losses on the failures of " + banks + when + " (lowest recovery " + percent(c.recovery) + ")";
}

std::string group_had_not(const FailureCause& c) {
  const std::string when = " at " + at_steps(c.steps);
  const std::string banks = bank_list(c.banks);
  if (c.kind == CauseKind::recall) return banks + " not recalled their loans" + when;
  if (c.kind == CauseKind::called_loan) return "the administrators of " + banks + " not called their loans" + when;
  return "its claims on " + banks + " been repaid in full when they failed" + when;
}

// The clause after "Had": what not happening means for this cause.
std::string had_not(const FailureCause& c, bool own_withdrawal_apart) {
  const std::string when = " at " + at_steps(c.steps);
  if (!c.banks.empty()) return group_had_not(c);
  switch (c.kind) {
    case CauseKind::scenario_shock:
      return std::string(own_withdrawal_apart ? "the rest of the scenario's shock" : "the scenario's shock") + " not come" + when;
    case CauseKind::withdrawal_shock: return "the scenario's withdrawal not hit its deposits" + when;
    case CauseKind::deposit_run: return "its depositors not run" + when;
    case CauseKind::recall: return bank_name(c.bank) + " not recalled its loan" + when;
    case CauseKind::called_loan: return "the administrator of " + bank_name(c.bank) + " not called its loan" + when;
    case CauseKind::debtor_default:
      return "its claim on " + bank_name(c.bank) + " been repaid in full when " + bank_name(c.bank) + " failed" + when;
    case CauseKind::price_fall: return "the other banks not chosen to sell securities" + when;
    case CauseKind::intervention: break;
  }
  const Intervention& iv = c.intervention;
  switch (iv.kind) {
    case Intervention::Kind::force_default: return bank_name(iv.bank) + " not been forced to default" + when;
    case Intervention::Kind::inject_liquidity:
      return bank_name(iv.bank) + " not received " + number(iv.amount, 2) + " of central-bank liquidity" + when;
    case Intervention::Kind::price_shock: return "the price not been cut by " + percent(iv.amount) + when;
    case Intervention::Kind::force_action:
      return bank_name(iv.bank) + " not been made to " + std::string(action_name(iv.action)) + when;
    case Intervention::Kind::policy: return "the banks not switched to the " + iv.policy + " policy" + when;
  }
  return "the intervention not been made" + when;
}

std::string failure_sentence(const FailureExplanation& x) {
  std::string how;
  switch (x.cause) {
    case DefaultCause::illiquid: how = ", illiquid: it could not pay what fell due"; break;
    case DefaultCause::insolvent: how = ", insolvent: its losses exceeded its capital"; break;
    case DefaultCause::forced:
      how = ", forced into default";
      switch (x.forced_by) {
        case ForcedBy::shock: how += " by the scenario's shock"; break;
        case ForcedBy::intervention: how += " by an intervention"; break;
        case ForcedBy::shock_and_intervention: how += " by the scenario's shock and an intervention at once"; break;
        case ForcedBy::none: break;
      }
      break;
    case DefaultCause::none: break;
  }
  return bank_name(x.bank) + " failed at step " + std::to_string(x.default_step) + how + ".";
}

// "A; B; C" of the labels of the causes `pick` selects.
template <class Pick>
std::vector<const FailureCause*> select(const FailureExplanation& x, Pick pick) {
  std::vector<const FailureCause*> out;
  for (const FailureCause& c : x.causes)
    if (pick(c)) out.push_back(&c);
  return out;
}

std::string labels(const std::vector<const FailureCause*>& causes) {
  std::string out;
  for (const FailureCause* c : causes) out += (out.empty() ? "" : "; ") + c->label;
  return out;
}

}  // namespace

std::string cause_label(const FailureCause& c, const SimConfig& config, bool own_withdrawal_apart) {
  const std::string when = " at " + at_steps(c.steps);
  if (!c.banks.empty()) return group_label(c);
  switch (c.kind) {
    case CauseKind::scenario_shock:
      return std::string(own_withdrawal_apart ? "the rest of the scenario's shock" : "the scenario's shock") + when +
             shock_parts(c, config);
    case CauseKind::withdrawal_shock: return "the scenario's withdrawal of " + percent(c.amount) + " of its deposits" + when;
    case CauseKind::deposit_run: return "its depositors' run" + when;
    case CauseKind::recall: return bank_name(c.bank) + "'s recall of its loan" + when;
    case CauseKind::called_loan: return "the call of " + bank_name(c.bank) + "'s loan by its administrator" + when;
    case CauseKind::debtor_default:
      return "its loss on " + bank_name(c.bank) + "'s failure" + when + " (recovery " + percent(c.recovery) + ")";
    case CauseKind::price_fall: return "the price fall from the other banks' sales" + when;
    case CauseKind::intervention: return intervention_label(c);
  }
  return "a cause" + when;
}

namespace {

// Whether the bank's own withdrawal by the scenario's shock is a cause apart, so that the shock's label is
// "the rest of the scenario's shock".
bool withdrawal_apart(const FailureExplanation& x) {
  return std::any_of(x.causes.begin(), x.causes.end(), [](const FailureCause& c) { return c.kind == CauseKind::withdrawal_shock; });
}

// Whether `c` is what forced x's forced failure: the scenario's shock when it forced it, a force_default
// control on the bank.
bool forced_it(const FailureCause& c, const FailureExplanation& x) {
  const bool by_shock = x.forced_by == ForcedBy::shock || x.forced_by == ForcedBy::shock_and_intervention;
  return (c.kind == CauseKind::scenario_shock && by_shock) ||
         (c.kind == CauseKind::intervention && c.intervention.kind == Intervention::Kind::force_default &&
          c.intervention.bank == x.bank);
}

// A forced failure told by what forced it, when that alone was necessary and no other cause could have
// saved the bank (without each it still failed); the other causes — its losses on banks that failed in
// the same clearing because it did, for one — are then not told as causes. Empty when the general
// account is needed.
std::vector<std::string> narrate_forced(const FailureExplanation& x, const std::string& survived) {
  std::vector<const FailureCause*> forcers, others;
  for (const FailureCause& c : x.causes) (forced_it(c, x) ? forcers : others).push_back(&c);
  if (forcers.size() != 1 || !forcers.front()->necessary()) return {};
  for (const FailureCause* c : others)
    if (!c->without.failed) return {};
  std::vector<std::string> out{failure_sentence(x), "Had " + had_not(*forcers.front(), withdrawal_apart(x)) + survived};
  if (!others.empty())
    out.push_back("Without any one of the " + std::to_string(others.size()) + " other " +
                  (others.size() == 1 ? "cause" : "causes") +
                  " the engine weighed it would still have failed: a forced failure is imposed, not caused by what "
                  "else touched it.");
  return out;
}

}  // namespace

std::vector<std::string> narrate(const FailureExplanation& x) {
  const std::string survived = ", it would still be standing at step " + std::to_string(x.horizon) + ".";
  if (x.cause == DefaultCause::forced && !x.grouped)
    if (auto told = narrate_forced(x, survived); !told.empty()) return told;
  std::vector<std::string> out{failure_sentence(x)};
  if (x.grouped)
    out.push_back("More than " + std::to_string(kMaxFailureCauses) +
                  " causes touched it: its lenders' recalls, its failed lenders' called loans and its failed debtors' "
                  "losses are each weighed as one group.");
  if (x.causes.empty()) {
    out.push_back("No cause the engine traces touched it before it failed.");
    return out;
  }
  const bool own_withdrawal = withdrawal_apart(x);
  for (const FailureCause& c : x.causes) {
    const std::string had = "Had " + had_not(c, own_withdrawal);
    if (c.necessary()) out.push_back(had + survived);
    else if (c.without.default_step > x.default_step)
      out.push_back(had + ", it would still have failed, but later, at step " +
                    std::to_string(c.without.default_step) + ".");
    else if (c.without.default_step < x.default_step)
      out.push_back(had + ", it would have failed sooner, at step " +
                    std::to_string(c.without.default_step) + ".");
  }
  const auto unchanged = select(x, [&](const FailureCause& c) { return c.without.failed && c.without.default_step == x.default_step; });
  if (unchanged.size() == 1)
    out.push_back("Without " + unchanged.front()->label + " it would still have failed at step " + std::to_string(x.default_step) + ".");
  else if (unchanged.size() > 1)
    out.push_back("Without any one of these it would still have failed at step " + std::to_string(x.default_step) + ": " +
                  labels(unchanged) + ".");

  // With a single cause the world "with every other cause removed" is the run itself: nothing to add.
  if (x.causes.size() > 1) {
    for (const FailureCause* c : select(x, [](const FailureCause& c) { return c.sufficient_alone(); }))
      out.push_back(capitalized(c->label) + " alone would have sunk it" +
                    (c->alone.default_step == x.default_step ? std::string(".")
                                                             : ", at step " + std::to_string(c->alone.default_step) + "."));
    const auto not_alone = select(x, [](const FailureCause& c) { return c.occurs_alone && !c.alone.failed; });
    if (not_alone.size() == 1) out.push_back(capitalized(not_alone.front()->label) + " alone would not have sunk it.");
    else if (not_alone.size() > 1) out.push_back("None of these alone would have sunk it: " + labels(not_alone) + ".");
    const auto consequences = select(x, [](const FailureCause& c) { return !c.occurs_alone; });
    if (consequences.size() == 1)
      out.push_back("Without the other causes, " + consequences.front()->label + " would not have happened at all.");
    else if (consequences.size() > 1)
      out.push_back("Without the other causes, these would not have happened at all: " + labels(consequences) + ".");
  }

  const bool any_necessary = !select(x, [](const FailureCause& c) { return c.necessary(); }).empty();
  if (x.without_any.failed)
    out.push_back("Even without all of them it would have failed, at step " + std::to_string(x.without_any.default_step) +
                  ": what sank it lies beyond the causes the engine traces (its own choices, the ordinary flow of "
                  "deposits and prices, banks further away).");
  else if (!any_necessary && x.causes.size() > 1)
    out.push_back("No one of them was necessary, but together they were: without all of them it would still be standing at step " +
                  std::to_string(x.horizon) + ".");
  return out;
}

}  // namespace finsim::why
