// How large a live session a client may build (docs/server.md, "Session size"). A step's cost and its
// STATE_UPDATE grow with the network: 100 banks step in 0.02 ms and publish 76 KB, 2,000 banks in
// ~7 ms with 1.5 MB, 20,000 banks with 50 links each in ~400 ms with 75 MB. Anyone who may create or
// reset a session without the control token is therefore held to `--max-banks` banks (2,000 unless a
// teacher raises it); the holder of the control token may build any network the engine accepts. Pure,
// thread-safe.
#pragma once

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "finsim/config.hpp"
#include "finsim/result.hpp"
#include "http_message.hpp"

namespace finsim::server {

/// The default of --max-banks: the engine's own line between detailed and compact STATE_UPDATEs
/// (Session::kDetailedBanksLimit), twice the web app's largest choice (1,000).
inline constexpr int kDefaultMaxBanks = 2000;

/// The most banks × steps the server replays for one request of a client without the token: a
/// failure explanation (why_api.hpp, for everyone), a reset's `to_step` and a rewind (session.hpp).
/// 1,000 banks over 200 steps, or 100 banks over 2,000. One replay of 200 steps at 100 banks takes
/// about 3 ms natively (docs/model.md §10), so at the bound a reset or rewind holds its session's lane
/// for tens of milliseconds; an explanation replays up to 66 times.
inline constexpr long long kMaxReplayBankSteps = 200'000;


/// Error `code` when replaying `steps` steps of a `banks`-bank run exceeds kMaxReplayBankSteps; its
/// message says what was asked (`what`) and the bound. The one rule for every replay the server bounds.
Status check_replay_bound(int banks, long long steps, std::string_view code, std::string_view what);

/// What a request may make a session cost: its banks and, for a control that replays (a reset's
/// `to_step`, a rewind), whether its banks × steps are held to kMaxReplayBankSteps.
struct SessionBound {
  int banks = kDefaultMaxBanks;
  bool replays_bounded = true;
};

/// The most banks a session created or reset by `request` may have: the engine's limit (kMaxBanks)
/// when a control token is configured and the request carries it, `max_banks` otherwise.
int bank_bound(const HttpRequest& request, std::string_view token, int max_banks);

/// bank_bound() and, for a request without the token, the replay bound.
SessionBound session_bound(const HttpRequest& request, std::string_view token, int max_banks);

/// Error too_many_banks when `config` has more than `bound` banks; its message names both numbers
/// and how a teacher allows more.
Status check_bank_bound(const SimConfig& config, int bound);

/// Error replay_too_large when `bound` holds replays and the control `name` with `body` would replay
/// more than kMaxReplayBankSteps banks × steps on a network of `banks` banks (Session::replay_steps).
Status check_control_replay(std::string_view name, const nlohmann::json& body, int banks, const SessionBound& bound);

}  // namespace finsim::server
