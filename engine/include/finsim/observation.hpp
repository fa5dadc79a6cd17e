// What one bank sees of the system when it chooses its action: its own balance sheet, its
// counterparties' condition and the market, all as dimensionless numbers computed by the engine.
// Learned policies use the same fields (observation_vector) as the rule-based ones.
#pragma once

#include <array>

#include "finsim/action.hpp"

namespace finsim {

struct BankObservation {
  int tier = 3;                     ///< 1 core, 2, 3
  double capital_ratio = 0.0;       ///< equity / risk-weighted assets
  double capital_gap = 0.0;         ///< (capital_ratio − requirement) / buffer, clipped to [−1, 1]
  double capital_stress = 0.0;      ///< in [0, 1]
  double liquidity_stress = 0.0;    ///< in [0, 1]
  double counterparty_stress = 0.0; ///< in [0, 1]
  double stress = 0.0;              ///< combined, in [0, 1], as reported in STATE_UPDATE
  double cash_share = 0.0;          ///< cash / total assets
  double liquidity_gap = 0.0;       ///< cash missing for this step's known outflows and buffer / total assets (>= 0)
  double spare_cash = 0.0;          ///< cash beyond known outflows and buffer / total assets (>= 0)
  double withdrawal_share = 0.0;    ///< withdrawals due this step / deposits
  double lending_share = 0.0;       ///< interbank loans extended / total assets
  double borrowing_share = 0.0;     ///< interbank borrowing / total assets
  double asset_share = 0.0;         ///< market value of holdings / total assets
  double price = 1.0;               ///< asset price / initial price
  double price_change = 0.0;        ///< relative change of the price over the last step
  double borrower_stress = 0.0;     ///< exposure-weighted mean stress of the banks it lent to
  double lender_stress = 0.0;       ///< funding-weighted mean stress of the banks it borrowed from
  double counterparties_defaulted = 0.0;  ///< share of its linked counterparties in default
  double borrowers_in_need = 0.0;   ///< share of its active borrowers with a liquidity gap
  double system_default_rate = 0.0; ///< defaulted banks / all banks
  Action last_action = Action::hold;
};

}  // namespace finsim
