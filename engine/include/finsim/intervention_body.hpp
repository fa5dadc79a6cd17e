// Interventions as the contract writes them: the body of a control (REST: POST /control/<name>;
// worker: {"control": name, ...}) turned into an Intervention. One parser for the session, the server,
// the worker, a reset's `at` and `finsim run --at`, so an intervention means the same everywhere.
//
//   force_default    {bank}
//   inject_liquidity {bank, amount}
//   price_shock      {share}
//   force_action     {bank, action: "HOLD" | "LEND" | "HOARD" | "FIRE_SALE"}
//   policy           {policy}      every bank follows this policy from the next step on
//
// These five are the run's controls: each acts at the next step and is part of the run's recipe
// (run_recipe.hpp); the others (play, pause, step, speed, reset, rewind) only drive a session.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "finsim/result.hpp"
#include "finsim/run_recipe.hpp"
#include "finsim/simulation.hpp"

namespace finsim {

/// True for the five controls of a run (above): those recorded in its recipe.
bool is_intervention(std::string_view control);

/// The intervention `control` with `body`'s fields. Errors: bad_request (unknown or missing field, wrong
/// type, not an intervention). Ranges that depend on the running simulation (the bank exists and is
/// active, the amount) are Simulation::intervene's to check.
Result<Intervention> intervention_from_body(std::string_view control, const nlohmann::json& body);

/// The control as the worker sends it: its body plus its name in "control", e.g.
/// {"control":"force_action","bank":3,"action":"HOARD"}. intervention_from_control reads it back.
nlohmann::json control_body(const Intervention& intervention);

/// The intervention of a control written as the worker sends it ({"control": name, ...body}): the form
/// of `finsim run --at STEP:JSON` and of a reset's `at`. Errors: bad_request (not an object, no
/// "control", a control that is not one of the five above, or intervention_from_body's).
Result<Intervention> intervention_from_control(const nlohmann::json& control);

/// A run's controls in the `at` form, [{"step": S, "control": {control_body}}, ...], in their order:
/// what a session's status carries and a reset's `at` reads back (scheduled_controls_from_json).
nlohmann::json at_json(std::span<const ScheduledControl> controls);

/// A reset's `at`: an array of at most `max_controls` {"step": S, "control": {...}} (S a whole number
/// ≥ 1; the control as intervention_from_control reads it), returned ordered by step, those of one
/// step in the order given. Errors: bad_request (the form), out_of_range (a step below 1 or above
/// `max_step`, more than `max_controls` entries).
Result<std::vector<ScheduledControl>> scheduled_controls_from_json(const nlohmann::json& at, int max_step,
                                                                   std::size_t max_controls);

}  // namespace finsim
