// Interventions as the contract writes them: the body of a control (REST: POST /control/<name>;
// worker: {"control": name, ...}) turned into an Intervention. One parser for the session, the server,
// the worker and `finsim run --at`, so an intervention means the same everywhere.
//
//   force_default    {bank}
//   inject_liquidity {bank, amount}
//   price_shock      {share}
//   force_action     {bank, action: "HOLD" | "LEND" | "HOARD" | "FIRE_SALE"}
#pragma once

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "finsim/result.hpp"
#include "finsim/simulation.hpp"

namespace finsim {

/// True for the four intervention controls.
bool is_intervention(std::string_view control);

/// The intervention `control` with `body`'s fields. Errors: bad_request (unknown or missing field, wrong
/// type, not an intervention). Ranges that depend on the running simulation (the bank exists and is
/// active, the amount) are Simulation::intervene's to check.
Result<Intervention> intervention_from_body(std::string_view control, const nlohmann::json& body);

/// The control as the worker sends it: its body plus its name in "control", e.g.
/// {"control":"force_action","bank":3,"action":"HOARD"}. intervention_from_body reads it back (without
/// "control").
nlohmann::json control_body(const Intervention& intervention);

}  // namespace finsim
