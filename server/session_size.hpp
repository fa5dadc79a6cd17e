// How large a live session a client may build (docs/server.md, "Session size"). A step's cost and its
// STATE_UPDATE grow with the network: 100 banks step in 0.02 ms and publish 76 KB, 2,000 banks in
// ~7 ms with 1.5 MB, 20,000 banks with 50 links each in ~400 ms with 75 MB. Anyone who may create or
// reset a session without the control token is therefore held to `--max-banks` banks (2,000 unless a
// teacher raises it); the holder of the control token may build any network the engine accepts. Pure,
// thread-safe.
#pragma once

#include <string_view>

#include "finsim/config.hpp"
#include "finsim/result.hpp"
#include "http_message.hpp"

namespace finsim::server {

/// The default of --max-banks: the engine's own line between detailed and compact STATE_UPDATEs
/// (Session::kDetailedBanksLimit), twice the web app's largest choice (1,000).
inline constexpr int kDefaultMaxBanks = 2000;

/// The most banks a session created or reset by `request` may have: the engine's limit (kMaxBanks)
/// when a control token is configured and the request carries it, `max_banks` otherwise.
int bank_bound(const HttpRequest& request, std::string_view token, int max_banks);

/// Error too_many_banks when `config` has more than `bound` banks; its message names both numbers
/// and how a teacher allows more.
Status check_bank_bound(const SimConfig& config, int bound);

}  // namespace finsim::server
