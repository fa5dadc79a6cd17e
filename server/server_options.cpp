#include "server_options.hpp"

#include <algorithm>
#include <thread>

#include "cli_args.hpp"
#include "fanout/redis_address.hpp"
#include "finsim/config.hpp"
#include "session_registry.hpp"

namespace finsim::server {

const char* server_usage() {
  return "usage: finsim-server [--host 127.0.0.1] [--port 8080] [--web web/dist] [--db data/finsim.db]\n"
         "                     [--threads N] [--control-token TOKEN] [--allow-origin URL]... [--max-sessions 16]\n"
         "                     [--max-banks 2000] [--max-connections 10000] [--max-connections-per-client 256]\n"
         "                     [--stall-timeout 10] [--stamp] [--redis redis://127.0.0.1:6379] [--instance NAME]\n"
         "                     [--market-seed 42] [--market-bars 1260] [--market-interval S] [--import-dir DIR]\n"
         "                     [--max-portfolios 1000] [--max-portfolios-per-client 100]\n"
         "                     [--idempotency-retention 86400] [--idempotency-max-keys 100000]\n"
         "       finsim-server --db FILE --import FILE [--import-format csv|aggregator] [--import-name NAME]\n"
         "                     [--import-lenient]\n"
         "\n"
         "Serves the FinSim web app, the live simulation over WebSocket (/ws/simulation) and its REST\n"
         "controls (/control/*, /sessions), and the portfolio mode (/api/..., /ws/portfolios); see\n"
         "docs/http-api.md and docs/portfolio-api.md.\n"
         "\n"
         "  --host ADDR           address to listen on (default 127.0.0.1, loopback only)\n"
         "  --port N              port, 0 = any free port (default 8080)\n"
         "  --web DIR             the built web app (default web/dist); the API works without it\n"
         "  --db FILE|URI         the store: a SQLite file, created when missing (default data/finsim.db), or a\n"
         "                        PostgreSQL database, postgresql://user[:password]@host[:port]/db (docs/deploy.md)\n"
         "  --threads N           network threads, 1 .. 64 (default: one per core)\n"
         "  --control-token T     controls and session changes need 'Authorization: Bearer T'\n"
         "                        (default: $FINSIM_CONTROL_TOKEN, else open); viewing stays open\n"
         "  --allow-origin URL    also accept changes from pages of this origin, http(s)://host[:port]\n"
         "                        (repeatable; e.g. the public address of a proxy in front of the server);\n"
         "                        by default only the server's own pages (localhost or an IP address) may\n"
         "                        change things\n"
         "  --max-sessions N      live sessions, the default one included, 1 .. 1000 (default 16)\n"
         "  --max-banks N         banks a session may have when created or reset without the control token,\n"
         "                        2 .. 20000 (default 2000); with the token, up to 20000\n"
         "  --max-connections N   open connections, 1 .. 1000000 (default 10000)\n"
         "  --max-connections-per-client N\n"
         "                        open connections from one address (IPv6: one /64), 1 .. 1000000\n"
         "                        (default 256); behind a reverse proxy every client is the proxy: raise it\n"
         "  --stall-timeout S     drop a viewer whose socket has taken nothing for S seconds (default 10)\n"
         "  --redis URL           share live sessions with other instances through Redis,\n"
         "                        redis://host[:port][/db] (docs/deploy.md): every instance serves every session\n"
         "  --instance NAME       this instance's name among them (default: host-pid-random)\n"
         "  --stamp               add \"published_at_ms\" to STATE_UPDATE and METRICS_UPDATE payloads\n"
         "                        (for finsim-load's delay measurement)\n"
         "  --market-seed N       seed of the default simulated market, made on an empty database (default 42)\n"
         "  --market-bars N       its history in business days from 2015-01-05, 1 .. 100000 (default 1260)\n"
         "  --market-interval S   advance the default market one bar every S seconds (default: on request)\n"
         "  --import-dir DIR      POST /api/markets/import may read files under DIR (default: none)\n"
         "  --max-portfolios N    active portfolios, live and backtests', 1 .. 1000000 (default 1000)\n"
         "  --max-portfolios-per-client N\n"
         "                        active live portfolios one client address may open (default 100)\n"
         "  --max-signals N       signals stored in all, posted and backtests', 1 .. 1000000000 (default 5000000)\n"
         "  --idempotency-retention S\n"
         "                        an Idempotency-Key's answer is kept S seconds, 1 .. 31536000 (default 86400:\n"
         "                        a day); a request reusing an older key runs as a new one\n"
         "  --idempotency-max-keys N\n"
         "                        keep at most N keys' answers, the oldest purged first, 1 .. 100000000\n"
         "                        (default 100000)\n"
         "  --import FILE         import FILE into the database's markets, print the result and exit\n"
         "  --import-format F     csv (wide or long, the default) or aggregator (a financial_data_aggregator\n"
         "                        SQLite database)\n"
         "  --import-name NAME    the imported market's name (default: imported-N)\n"
         "  --import-lenient      leave bad rows out (listed) instead of refusing the whole file\n";
}

Result<ServerOptions> parse_server_options(const std::vector<std::string>& args, const std::string& env_token) {
  using cli::OptionSpec;
  const std::vector<OptionSpec> specs{
      {"host"},         {"port"},           {"web"},           {"db"},
      {"threads"},      {"control-token"},  {"max-sessions"},  {"max-connections"},
      {"max-banks"},    {"max-connections-per-client"},
      {"allow-origin", true, true},
      {"stall-timeout"}, {"stamp", false}, {"help", false}, {"redis"}, {"instance"},
      {"market-seed"},  {"market-bars"},    {"market-interval"}, {"import-dir"},
      {"import"},       {"import-format"},  {"import-name"},   {"import-lenient", false},
      {"max-portfolios"}, {"max-portfolios-per-client"}, {"max-signals"}, {"idempotency-retention"}, {"idempotency-max-keys"},
  };
  try {
    const cli::Args a(args, specs, 0);
    ServerOptions o;
    if (a.has("help")) {
      o.help = true;
      return o;
    }
    o.host = a.get("host").value_or(o.host);
    o.port = static_cast<int>(a.integer("port", o.port, 0, 65535));
    o.web_root = a.get("web").value_or(o.web_root);
    o.db_path = a.get("db").value_or(o.db_path);
    const auto cores = static_cast<long long>(std::max(1u, std::thread::hardware_concurrency()));
    o.threads = static_cast<int>(a.integer("threads", std::min(cores, 64LL), 1, 64));
    o.control_token = a.get("control-token").value_or(env_token);
    if (a.has("control-token") && o.control_token.empty())
      throw cli::UsageError("--control-token may not be empty");
    for (const std::string& url : a.all("allow-origin")) {
      const auto origin = parse_origin(url);
      if (!origin) throw cli::UsageError("--allow-origin '" + url + "' is not an origin: http(s)://host[:port]");
      o.allowed_origins.push_back(*origin);
    }
    o.max_sessions = static_cast<int>(a.integer("max-sessions", o.max_sessions, 1, 1000));
    o.max_banks = static_cast<int>(a.integer("max-banks", o.max_banks, 2, kMaxBanks));
    o.max_connections = static_cast<int>(a.integer("max-connections", o.max_connections, 1, 1000000));
    o.max_connections_per_client =
        static_cast<int>(a.integer("max-connections-per-client", o.max_connections_per_client, 1, 1000000));
    o.stall_timeout_s = a.number("stall-timeout", o.stall_timeout_s, 0.1, 3600);
    o.stamp = a.has("stamp");
    o.redis = a.get("redis").value_or("");
    if (a.has("redis")) {
      auto address = parse_redis_address(o.redis);
      if (!address.ok()) throw cli::UsageError(address.error().message);
    }
    o.instance = a.get("instance").value_or("");
    if (a.has("instance") && !SessionRegistry::valid_id(o.instance))
      throw cli::UsageError("--instance is 1 to 64 letters, digits, '_' or '-'");
    if (a.has("instance") && !a.has("redis")) throw cli::UsageError("--instance needs --redis");
    o.market_seed = static_cast<std::uint64_t>(a.integer("market-seed", 42, 0, (1LL << 53) - 1));
    o.market_bars = static_cast<int>(a.integer("market-bars", o.market_bars, 1, 100000));
    o.market_interval_s = a.number("market-interval", 0.0, 0.0, 86400.0);
    if (a.has("market-interval") && o.market_interval_s < 0.01)
      throw cli::UsageError("--market-interval must be at least 0.01 seconds");
    o.import_dir = a.get("import-dir").value_or("");
    o.max_portfolios = static_cast<int>(a.integer("max-portfolios", o.max_portfolios, 1, 1000000));
    o.max_portfolios_per_client =
        static_cast<int>(a.integer("max-portfolios-per-client", o.max_portfolios_per_client, 1, 1000000));
    o.max_signals = a.integer("max-signals", o.max_signals, 1, 1'000'000'000);
    o.idempotency_retention_s = a.integer("idempotency-retention", o.idempotency_retention_s, 1, 31536000);
    o.idempotency_max_keys = a.integer("idempotency-max-keys", o.idempotency_max_keys, 1, 100000000);
    o.import_file = a.get("import").value_or("");
    o.import_format = a.get("import-format").value_or("csv");
    if (o.import_format != "csv" && o.import_format != "aggregator")
      throw cli::UsageError("--import-format must be csv or aggregator");
    o.import_name = a.get("import-name").value_or("");
    o.import_lenient = a.has("import-lenient");
    if (o.host.empty()) throw cli::UsageError("--host may not be empty");
    if (o.db_path.empty()) throw cli::UsageError("--db may not be empty");
    return o;
  } catch (const cli::UsageError& e) {
    return make_error("usage", e.what());
  }
}

}  // namespace finsim::server
