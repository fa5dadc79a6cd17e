// HTTP for the server tests: finsim-load's plain client (server/tools/plain_http.hpp) aimed at
// 127.0.0.1, plus JSON helpers.
#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "plain_http.hpp"

namespace finsim::test {

using tools::Headers;
using tools::HttpReply;

/// `method target` to 127.0.0.1:port (see tools::http).
HttpReply http(int port, const std::string& method, const std::string& target, const std::string& body = "",
               const Headers& headers = {}, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

/// As http(), from the loopback address `source` ("127.0.0.2": another client, as the server sees it).
HttpReply http_from(const std::string& source, int port, const std::string& method, const std::string& target,
                    const std::string& body = "", const Headers& headers = {});

/// Raw bytes to 127.0.0.1:port (see tools::raw_http).
HttpReply raw_http(int port, const std::string& bytes,
                   std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

/// The body parsed as JSON (throws when it is not).
nlohmann::json json_of(const HttpReply& reply);

/// GET /control/status[?session=ID] as JSON (REQUIREs status 200).
nlohmann::json control_status(int port, const std::string& session = "");

/// Polls GET /control/status until it reports `viewers` viewers (joining completes just after the
/// handshake); false after `timeout`.
bool wait_for_viewers(int port, int viewers, const std::string& session = "",
                      std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

/// A connected socket to 127.0.0.1:port (REQUIREs success).
int connect_loopback(int port, int receive_buffer = 0);

}  // namespace finsim::test
