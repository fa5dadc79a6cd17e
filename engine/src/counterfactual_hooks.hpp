// A Counterfactual compiled for the step: per-bank and per-link lookups the phases ask in O(1).
//
// Every query answers "no change" while `on` is false (the default), and the phases take their usual
// path then: a simulation without a counterfactual is byte-identical to one that never heard of them.
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <vector>

#include "finsim/action.hpp"

namespace finsim {

struct CounterfactualHooks {
  static constexpr int kNever = INT_MAX;

  bool on = false;
  bool without_scenario_shock = false;
  bool any_guarantee = false;
  std::vector<int> spared_from;                         // per link: first step its recall is spared
  std::vector<std::array<int, kActionCount>> ban_from;  // per bank and action: first step it is banned
  std::vector<std::uint8_t> guaranteed;                 // per link lender→borrower: the lender's claim is guaranteed
  std::vector<std::uint8_t> uncalled;                   // per link: not called when the lender fails
  std::vector<int> calm_from;                           // per bank: first step without a run
  std::vector<std::uint8_t> shock_spared;               // per bank: not hit by the withdrawal shock
  std::vector<std::uint8_t> shock_kept;                 // per bank: hit even without the scenario's shock

  // Clearing with guarantees: an extra node (index n) receives the guaranteed claims (clearing.cpp sizes).
  std::vector<double> clearing_assets, clearing_liabilities;
  std::vector<std::uint8_t> clearing_forced;

  [[nodiscard]] bool spares_recall(int link, int step) const { return on && step >= spared_from[link]; }
  /// `a` as bank i may take it by choice at `step`: HOLD where it is banned.
  [[nodiscard]] Action voluntary(int i, Action a, int step) const {
    return on && step >= ban_from[i][static_cast<int>(a)] ? Action::hold : a;
  }
  [[nodiscard]] bool guarantees(int link) const { return on && guaranteed[link] != 0; }
  [[nodiscard]] bool keeps_loan(int link) const { return on && uncalled[link] != 0; }
  [[nodiscard]] bool calms_depositors(int i, int step) const { return on && step >= calm_from[i]; }
  [[nodiscard]] bool removes_scenario_shock() const { return on && without_scenario_shock; }
  /// Whether bank i, drawn for the scenario's withdrawal, is hit.
  [[nodiscard]] bool withdrawal_hits(int i) const {
    if (!on) return true;
    return shock_spared[i] == 0 && (!without_scenario_shock || shock_kept[i] != 0);
  }
};

}  // namespace finsim
