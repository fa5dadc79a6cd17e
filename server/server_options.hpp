// The command line of finsim-server (docs/server.md). Parsing is pure; errors are one line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "finsim/result.hpp"
#include "origin_policy.hpp"
#include "session_size.hpp"

namespace finsim::server {

struct ServerOptions {
  std::string host = "127.0.0.1";  ///< an IP address, or "localhost"
  int port = 8080;                 ///< 0 picks a free port (printed at start)
  std::string web_root = "web/dist";
  std::string db_path = "data/finsim.db";  ///< ":memory:" keeps nothing
  int threads = 0;                 ///< 0 = one per core
  std::string control_token;       ///< "" = controls are open; also from $FINSIM_CONTROL_TOKEN
  std::vector<WebOrigin> allowed_origins;  ///< --allow-origin: pages elsewhere that may send writes
  int max_sessions = 16;
  int max_banks = kDefaultMaxBanks;  ///< banks a session may have when built without the control token
  int max_connections = 10000;
  int max_connections_per_client = 256;  ///< open connections from one address (an IPv6 /64)
  double stall_timeout_s = 10.0;   ///< a viewer whose socket takes nothing for this long is dropped
  bool stamp = false;              ///< add "published_at_ms" to states and metrics (load tests)
  std::string redis;               ///< --redis redis://host[:port][/db]: share sessions with other instances
  std::string instance;            ///< --instance: this instance's name among them ("" = host-pid-random)
  // The portfolio mode (docs/portfolio-api.md).
  std::uint64_t market_seed = 42;  ///< seed of the default simulated market (empty database only)
  int market_bars = 1260;          ///< its history in business days (empty database only)
  double market_interval_s = 0.0;  ///< advance the default market one bar this often; 0 = on request only
  std::string import_dir;          ///< POST /api/markets/import may read files under it ("" = none)
  int max_portfolios = 1000;       ///< active portfolios of the server (docs/portfolio-api.md, "Limits")
  int max_portfolios_per_client = 100;  ///< active live portfolios one client address opens
  long long max_signals = 5'000'000;  ///< signals stored in all (docs/portfolio-api.md, "Limits")
  long long idempotency_retention_s = 86400;  ///< Idempotency-Keys expire this long after their request
  long long idempotency_max_keys = 100000;    ///< and at most this many are kept (the oldest go first)
  std::string import_file;         ///< --import: import this file into the database and exit
  std::string import_format = "csv";  ///< csv or aggregator
  std::string import_name;         ///< the imported market's name
  bool import_lenient = false;     ///< leave bad rows out instead of refusing the file
  bool help = false;
};

/// The usage text printed by --help.
const char* server_usage();

/// Parses the arguments after the program name. `env_token` is $FINSIM_CONTROL_TOKEN (or "").
/// Error code "usage" with a one-line message.
Result<ServerOptions> parse_server_options(const std::vector<std::string>& args, const std::string& env_token);

}  // namespace finsim::server
