// The control token (--control-token): who may drive the simulation. Pure, thread-safe.
#pragma once

#include <string_view>

#include "http_message.hpp"

namespace finsim::server {

/// Compares in time that depends only on the lengths, never on where the texts differ.
bool constant_time_equals(std::string_view a, std::string_view b);

/// True when `token` is empty (no token configured) or the request carries
/// "Authorization: Bearer <token>" (scheme case-insensitive, token compared in constant time).
bool authorized(const HttpRequest& request, std::string_view token);

}  // namespace finsim::server
