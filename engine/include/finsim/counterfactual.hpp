// Counterfactual hooks: what a counterfactual world removes from the world a simulation would otherwise
// be, one documented mechanism at a time (docs/why.md).
//
// The why-analysis (why.hpp) asks "had this not happened, would the bank have failed?" by replaying the
// same world (config, seed, policy, controls) with one cause removed. A cause is removed by a hook inside
// the step, never by changing the configuration: the exogenous stream draws the same numbers whatever
// the hooks say, so the two worlds differ only by the removed cause and its consequences. An empty
// Counterfactual (the default) is the world itself, byte for byte (tests/engine/counterfactual_test.cpp).
//
// The hooks are not part of the wire contract: no control or message sets them. Steps are step numbers
// as events carry them (the first step is 1); "from step s" means that step and every later one.
#pragma once

#include <vector>

#include "finsim/action.hpp"

namespace finsim {

struct Counterfactual {
  /// `lender` neither recalls nor lets run off its loan to `borrower` from `from_step` on (phase 3a):
  /// its hoarding stance spares this one loan; its other loans are recalled as before.
  struct SparedLoan {
    int lender = -1;
    int borrower = -1;
    int from_step = 1;
  };
  /// `bank`'s voluntary choice of `action` becomes HOLD from `from_step` on, as a policy modifier does
  /// (policy_modifiers.hpp). Actions imposed by a force_action intervention are not voluntary and stay.
  struct ActionBan {
    int bank = -1;
    Action action = Action::hold;
    int from_step = 1;
  };
  /// When `debtor` fails, `creditor` is repaid its claim in full, in the clearing of that step (an outside
  /// guarantor pays what the debtor cannot) and at resolution. The debtor's own clearing is unchanged.
  struct GuaranteedClaim {
    int creditor = -1;
    int debtor = -1;
  };
  /// When `lender` fails, its administrator does not call its loan to `borrower`: the loan stays on the
  /// borrower's balance sheet as term funding owed to the administrator (same liability, same equity,
  /// interest accruing as before), never due at once and never repaid voluntarily.
  struct UncalledLoan {
    int lender = -1;
    int borrower = -1;
  };
  /// `bank`'s depositors do not run from `from_step` on: the run term of phase 1 is zero; the ordinary
  /// deposit flow and the scenario's withdrawal stay.
  struct CalmDepositors {
    int bank = -1;
    int from_step = 1;
  };

  std::vector<SparedLoan> spared_loans;
  std::vector<ActionBan> action_bans;
  std::vector<GuaranteedClaim> guaranteed_claims;
  std::vector<UncalledLoan> uncalled_loans;
  std::vector<CalmDepositors> calm_depositors;
  /// Banks the scenario's withdrawal shock does not hit (the random draw that picks the hit banks is
  /// still made, so no other bank's fate in the draw changes).
  std::vector<int> spared_by_withdrawal_shock;
  /// The scenario's shock at shock_step does not come: no price fall, no withdrawal, no forced default
  /// (its random draws are still made)...
  bool without_scenario_shock = false;
  /// ... except the withdrawal from these banks, which still comes if the draw picks them: a bank whose
  /// own withdrawal is a cause of its own keeps it when the rest of the shock is removed, so that the two
  /// causes do not overlap. spared_by_withdrawal_shock takes precedence.
  std::vector<int> still_hit_by_withdrawal_shock;

  /// True when nothing is removed: the world itself.
  [[nodiscard]] bool empty() const;
  /// Adds everything `other` removes to what this removes.
  void merge(const Counterfactual& other);
};

}  // namespace finsim
