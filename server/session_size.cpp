#include "session_size.hpp"

#include <string>

#include "auth.hpp"

namespace finsim::server {

int bank_bound(const HttpRequest& request, std::string_view token, int max_banks) {
  return !token.empty() && authorized(request, token) ? kMaxBanks : max_banks;
}

Status check_bank_bound(const SimConfig& config, int bound) {
  if (config.banks <= bound) return {};
  return make_error("too_many_banks", "a session may have at most " + std::to_string(bound) +
                                          " banks unless the request carries the control token (asked: " +
                                          std::to_string(config.banks) + "); the server's --max-banks raises the bound");
}

}  // namespace finsim::server
