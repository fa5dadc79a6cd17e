// The one serializer of the wire contract (docs/contract.md, schema_version 1.0).
//
// The worker and the server send exactly these bytes. Numbers are written with at most six decimals
// (trailing zeros dropped) by integer arithmetic, so the text is identical on every platform and
// compact. The extension fields beyond the contract's core fields are documented there too.
#pragma once

#include <string>

#include "finsim/simulation.hpp"

namespace finsim {

struct SerializeOptions {
  /// Add each bank's balance sheet and stress components to its node (the inspector's data).
  bool bank_details = true;
};

/// Appends the current STATE_UPDATE (every node, every live loan as an edge). It begins exactly with
/// `{"type":"STATE_UPDATE","schema_version":"1.0","payload":{"timestep":<t>,`, and every message here
/// with `{"type":"<TYPE>",`: adapters match on these bytes (docs/contract.md, "Bytes a client may rely on").
void append_state_update(const Simulation& sim, std::string& out, const SerializeOptions& options = {});
/// Appends one EVENT.
void append_event(const Event& event, std::string& out);
/// Appends the current METRICS_UPDATE.
void append_metrics_update(const Simulation& sim, std::string& out);

std::string state_update_json(const Simulation& sim, const SerializeOptions& options = {});
std::string event_json(const Event& event);
std::string metrics_update_json(const Simulation& sim);

/// Appends x with at most `decimals` (<= 9) decimals, rounded half away from zero, trailing zeros
/// and a trailing point dropped, "-0" written as "0". Precondition: |x| < 9e9 · 10^(9 − decimals)
/// and x finite (non-finite values are written as 0; the engine never produces them).
void append_number(std::string& out, double x, int decimals = 6);

}  // namespace finsim
