// The why-analysis told in sentences (docs/why.md, "Sentences"): the engine writes them, a UI shows them.
#pragma once

#include <string>
#include <vector>

#include "finsim/config.hpp"
#include "finsim/why.hpp"

namespace finsim::why {

/// The noun phrase that names `cause`: "Bank 12's recall of its loan at step 11". `own_withdrawal_apart`:
/// the bank's own withdrawal is a cause of its own, so the scenario's shock is named without it.
std::string cause_label(const FailureCause& cause, const SimConfig& config, bool own_withdrawal_apart);

/// The explanation's sentences, from its verdicts and labels: how the bank failed; each necessary cause
/// ("Had Bank 12 not recalled its loan at step 11, it would still be standing at step 200."); causes whose
/// removal only moved the failure; those without which it still failed; which alone would and would not
/// have sunk it; and what the world without any of them says.
std::vector<std::string> narrate(const FailureExplanation& explanation);

}  // namespace finsim::why
