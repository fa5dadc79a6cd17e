// finsim-orders-bench: durable acknowledged orders per second through the portfolio API of a running
// finsim-server (docs/portfolio-api.md, "Benchmark"). N clients, each on its own keep-alive
// connection, place market orders (each with an Idempotency-Key, as a careful client does) as fast as
// they are acknowledged; an order counts once the server answered 201 — i.e. once it is committed with
// synchronous=FULL. Prints one JSON object.
//
// The same run can load the server the way a crowded classroom does (docs/portfolio-api.md, "Many
// portfolios"): --populate creates that many more portfolios first, --pollers clients read a list
// (--poll) back to back while the orders run, --bars then times advancing the market one bar at a
// time, and --server-pid reports the server's memory at each phase.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_args.hpp"
#include "keepalive_http.hpp"
#include "proc_usage.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using finsim::tools::Headers;
using finsim::tools::KeepAliveConnection;

const char* kUsage =
    "usage: finsim-orders-bench [--host 127.0.0.1] [--port 8080] [--clients 16] [--seconds 10] [--portfolios 4]\n"
    "                           [--token TOKEN] [--populate N] [--pollers K] [--poll PATH] [--bars N]\n"
    "                           [--crowd-trades] [--server-pid PID]\n"
    "Places market orders through POST /api/portfolios/{id}/orders from N concurrent keep-alive clients and\n"
    "reports acknowledged (201) orders per second and their latency. The server must be running; each\n"
    "run creates its own portfolios (1e9 of cash each) on the default market.\n"
    "  --populate N     first create N more portfolios (cash only), as many clients would\n"
    "  --crowd-trades   each of them also places an order (it holds a position after the next bar)\n"
    "  --pollers K      K more clients GET --poll (default /api/portfolios) back to back during the orders\n"
    "  --bars N         then advance the default market N times by one bar and time each\n"
    "  --server-pid P   report the server's resident memory (from /proc) after each phase\n";

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

nlohmann::json latency_json(const std::vector<double>& ms) {
  return {{"count", ms.size()}, {"p50", percentile(ms, 0.50)}, {"p99", percentile(ms, 0.99)}, {"max", percentile(ms, 1.0)}};
}

/// Resident memory of the server now (MB), or null when not asked for or unreadable.
nlohmann::json server_memory(pid_t pid) {
  if (pid <= 0) return nullptr;
  const auto u = finsim::tools::process_usage(pid);
  if (!u) return nullptr;
  return {{"rss_mb", u->rss_mb}, {"peak_rss_mb", u->peak_rss_mb}};
}

/// Creates `count` portfolios over `connections` keep-alive connections; returns their ids.
std::vector<long long> create_portfolios(const std::string& host, int port, int count, int connections,
                                         const Headers& headers, const std::string& prefix, bool trade = false) {
  std::vector<std::vector<long long>> made(static_cast<std::size_t>(connections));
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::string failure;
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c)
    threads.emplace_back([&, c] {
      KeepAliveConnection conn(host, port);
      for (int i = next++; i < count && !failed; i = next++) {
        const auto r = conn.request("POST", "/api/portfolios",
                                    nlohmann::json{{"name", prefix + std::to_string(i)}, {"initial_capital", 1e9},
                                                   {"fee_structure", "ibkr_fixed"}}.dump(), headers);
        if (r.status != 201) {
          if (!failed.exchange(true)) failure = "HTTP " + std::to_string(r.status) + ": " + r.body;
          return;
        }
        const long long id = nlohmann::json::parse(r.body)["id"].get<long long>();
        made[static_cast<std::size_t>(c)].push_back(id);
        if (!trade) continue;
        const auto o = conn.request("POST", "/api/portfolios/" + std::to_string(id) + "/orders",
                                    R"({"ticker": "TEC1", "side": "buy", "quantity": 1})", headers);
        if (o.status != 201) {
          if (!failed.exchange(true)) failure = "order: HTTP " + std::to_string(o.status) + ": " + o.body;
          return;
        }
      }
    });
  for (auto& t : threads) t.join();
  if (failed) throw finsim::cli::UsageError("cannot create a portfolio (" + failure + ")");
  std::vector<long long> ids;
  for (auto& m : made) ids.insert(ids.end(), m.begin(), m.end());
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace finsim::cli;
  try {
    const Args a(std::vector<std::string>(argv + 1, argv + argc),
                 {{"host"}, {"port"}, {"clients"}, {"seconds"}, {"portfolios"}, {"token"}, {"populate"}, {"pollers"},
                  {"poll"}, {"bars"}, {"server-pid"}, {"crowd-trades", false}, {"help", false}},
                 0);
    if (a.has("help")) {
      std::cout << kUsage;
      return 0;
    }
    const std::string host = a.get("host").value_or("127.0.0.1");
    const int port = static_cast<int>(a.integer("port", 8080, 1, 65535));
    const int clients = static_cast<int>(a.integer("clients", 16, 1, 1024));
    const double seconds = a.number("seconds", 10.0, 0.1, 3600.0);
    const int portfolios = static_cast<int>(a.integer("portfolios", 4, 1, 1000));
    const int populate = static_cast<int>(a.integer("populate", 0, 0, 1000000));
    const int pollers = static_cast<int>(a.integer("pollers", 0, 0, 256));
    const std::string poll = a.get("poll").value_or("/api/portfolios");
    const int bars = static_cast<int>(a.integer("bars", 0, 0, 100000));
    const auto server_pid = static_cast<pid_t>(a.integer("server-pid", 0, 0, 1 << 30));
    Headers json_headers{{"Content-Type", "application/json"}};
    if (const auto t = a.get("token")) json_headers.emplace_back("Authorization", "Bearer " + *t);

    nlohmann::json memory = {{"start", server_memory(server_pid)}};
    nlohmann::json crowd = nullptr;
    if (populate > 0) {
      const auto t0 = Clock::now();
      create_portfolios(host, port, populate, std::min(clients, 16), json_headers, "crowd ", a.has("crowd-trades"));
      crowd = {{"portfolios", populate}, {"trading", a.has("crowd-trades")}, {"seconds", ms_since(t0) / 1000.0}};
      memory["populated"] = server_memory(server_pid);
    }
    const std::vector<long long> ids = create_portfolios(host, port, portfolios, 1, json_headers, "bench ");

    const char* tickers[] = {"TEC1", "FIN1", "HLT1", "ENR1", "BND1", "CMD1", "CRX1", "IND1"};
    std::atomic<bool> stop{false};
    std::atomic<long long> acknowledged{0}, failed{0}, poll_failed{0};
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(clients));
    std::vector<std::vector<double>> poll_latencies(static_cast<std::size_t>(pollers));
    std::vector<std::size_t> poll_bytes(static_cast<std::size_t>(pollers), 0);
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    for (int p = 0; p < pollers; ++p)
      threads.emplace_back([&, p] {
        KeepAliveConnection conn(host, port);
        while (!stop) {
          const auto t0 = Clock::now();
          const auto r = conn.request("GET", poll);
          if (r.status == 200) {
            poll_latencies[static_cast<std::size_t>(p)].push_back(ms_since(t0));
            poll_bytes[static_cast<std::size_t>(p)] = r.body.size();
          } else {
            ++poll_failed;
          }
        }
      });
    for (int c = 0; c < clients; ++c)
      threads.emplace_back([&, c] {
        KeepAliveConnection conn(host, port);
        for (long long n = 0; !stop; ++n) {
          const long long portfolio = ids[static_cast<std::size_t>((c + n) % portfolios)];
          const std::string body = nlohmann::json{{"ticker", tickers[(c + n) % 8]}, {"side", "buy"}, {"quantity", 1}}.dump();
          Headers h = json_headers;
          h.emplace_back("Idempotency-Key", "bench-" + std::to_string(start.time_since_epoch().count()) + "-" +
                                                std::to_string(c) + "-" + std::to_string(n));
          const auto t0 = Clock::now();
          const auto r = conn.request("POST", "/api/portfolios/" + std::to_string(portfolio) + "/orders", body, h);
          if (r.status == 201) {
            ++acknowledged;
            latencies[static_cast<std::size_t>(c)].push_back(ms_since(t0));
          } else {
            ++failed;
          }
        }
      });
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& t : threads) t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    memory["after_orders"] = server_memory(server_pid);
    std::vector<double> all, polls;
    for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    for (auto& l : poll_latencies) polls.insert(polls.end(), l.begin(), l.end());
    nlohmann::json out = {{"clients", clients},
                          {"seconds", elapsed},
                          {"acknowledged_orders", acknowledged.load()},
                          {"failed", failed.load()},
                          {"orders_per_second", static_cast<double>(acknowledged.load()) / elapsed},
                          {"latency_ms", {{"p50", percentile(all, 0.50)}, {"p99", percentile(all, 0.99)}, {"max", percentile(all, 1.0)}}}};
    if (crowd != nullptr) out["populated"] = crowd;
    if (pollers > 0)
      out["polling"] = {{"pollers", pollers}, {"path", poll}, {"failed", poll_failed.load()},
                        {"answer_bytes", *std::max_element(poll_bytes.begin(), poll_bytes.end())},
                        {"latency_ms", latency_json(polls)}};
    if (bars > 0) {
      // One bar at a time: the orders placed above (pending) fill at the first.
      KeepAliveConnection conn(host, port);
      std::vector<double> bar_ms;
      for (int b = 0; b < bars; ++b) {
        const auto t0 = Clock::now();
        const auto r = conn.request("POST", "/api/markets/1/advance", R"({"bars": 1})", json_headers);
        if (r.status != 200) throw UsageError("cannot advance the market (HTTP " + std::to_string(r.status) + "): " + r.body);
        bar_ms.push_back(ms_since(t0));
      }
      out["bars"] = {{"count", bars}, {"first_ms", bar_ms.front()}, {"latency_ms", latency_json(bar_ms)}};
      memory["after_bars"] = server_memory(server_pid);
    }
    if (server_pid > 0) out["server_memory"] = memory;
    std::cout << out.dump(2) << "\n";
    return 0;
  } catch (const UsageError& e) {
    std::cerr << "finsim-orders-bench: " << e.what() << "\n";
    return 2;
  }
}
