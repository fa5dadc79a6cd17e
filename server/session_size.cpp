#include "session_size.hpp"

#include <string>

#include <nlohmann/json.hpp>

#include "auth.hpp"
#include "finsim/session.hpp"

namespace finsim::server {

int bank_bound(const HttpRequest& request, std::string_view token, int max_banks) {
  return !token.empty() && authorized(request, token) ? kMaxBanks : max_banks;
}

SessionBound session_bound(const HttpRequest& request, std::string_view token, int max_banks) {
  const bool holds_token = !token.empty() && authorized(request, token);
  return SessionBound{bank_bound(request, token, max_banks), !holds_token};
}

Status check_replay_bound(int banks, long long steps, std::string_view code, std::string_view what) {
  const long long cost = static_cast<long long>(banks) * steps;
  if (cost <= kMaxReplayBankSteps) return {};
  return make_error(std::string(code), std::string(what) + " replays the run: " + std::to_string(banks) + " banks over " +
                                           std::to_string(steps) + " steps is above this server's bound of " +
                                           std::to_string(kMaxReplayBankSteps) + " banks × steps");
}

Status check_control_replay(std::string_view name, const nlohmann::json& body, int banks, const SessionBound& bound) {
  if (!bound.replays_bounded) return {};
  const int steps = Session::replay_steps(name, body);
  if (steps == 0) return {};
  return check_replay_bound(banks, steps, "replay_too_large",
                            std::string(name == "reset" ? "a reset with to_step" : "a rewind") +
                                " (unless the request carries the control token)");
}

Status check_bank_bound(const SimConfig& config, int bound) {
  if (config.banks <= bound) return {};
  return make_error("too_many_banks", "a session may have at most " + std::to_string(bound) +
                                          " banks unless the request carries the control token (asked: " +
                                          std::to_string(config.banks) + "); the server's --max-banks raises the bound");
}

}  // namespace finsim::server
