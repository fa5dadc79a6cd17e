// finsim-orders-bench: durable acknowledged orders per second through the portfolio API of a running
// finsim-server (docs/portfolio-api.md, "Benchmark"). N clients, each on its own keep-alive
// connection, place market orders (each with an Idempotency-Key, as a careful client does) as fast as
// they are acknowledged; an order counts once the server answered 201 — i.e. once it is committed with
// synchronous=FULL. Prints one JSON object.
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

namespace {

using Clock = std::chrono::steady_clock;
using finsim::tools::Headers;
using finsim::tools::KeepAliveConnection;

const char* kUsage =
    "usage: finsim-orders-bench [--host 127.0.0.1] [--port 8080] [--clients 16] [--seconds 10] [--portfolios 4]\n"
    "                           [--token TOKEN]\n"
    "Places market orders through POST /api/portfolios/{id}/orders from N concurrent keep-alive clients and\n"
    "reports acknowledged (201) orders per second and their latency. The server must be running; each\n"
    "run creates its own portfolios (1e9 of cash each) on the default market.\n";

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace finsim::cli;
  try {
    const Args a(std::vector<std::string>(argv + 1, argv + argc),
                 {{"host"}, {"port"}, {"clients"}, {"seconds"}, {"portfolios"}, {"token"}, {"help", false}}, 0);
    if (a.has("help")) {
      std::cout << kUsage;
      return 0;
    }
    const std::string host = a.get("host").value_or("127.0.0.1");
    const int port = static_cast<int>(a.integer("port", 8080, 1, 65535));
    const int clients = static_cast<int>(a.integer("clients", 16, 1, 1024));
    const double seconds = a.number("seconds", 10.0, 0.1, 3600.0);
    const int portfolios = static_cast<int>(a.integer("portfolios", 4, 1, 1000));
    Headers json_headers{{"Content-Type", "application/json"}};
    if (const auto t = a.get("token")) json_headers.emplace_back("Authorization", "Bearer " + *t);

    KeepAliveConnection setup(host, port);
    std::vector<long long> ids;
    for (int i = 0; i < portfolios; ++i) {
      const auto r = setup.request("POST", "/api/portfolios",
                                   nlohmann::json{{"name", "bench " + std::to_string(i)}, {"initial_capital", 1e9},
                                                  {"fee_structure", "ibkr_fixed"}}.dump(), json_headers);
      if (r.status != 201) throw UsageError("cannot create a portfolio (HTTP " + std::to_string(r.status) + "): " + r.body);
      ids.push_back(nlohmann::json::parse(r.body)["id"].get<long long>());
    }
    const char* tickers[] = {"TEC1", "FIN1", "HLT1", "ENR1", "BND1", "CMD1", "CRX1", "IND1"};
    std::atomic<bool> stop{false};
    std::atomic<long long> acknowledged{0}, failed{0};
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(clients));
    std::vector<std::thread> threads;
    const auto start = Clock::now();
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
          const auto t1 = Clock::now();
          if (r.status == 201) {
            ++acknowledged;
            latencies[static_cast<std::size_t>(c)].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
          } else {
            ++failed;
          }
        }
      });
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& t : threads) t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::vector<double> all;
    for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    const nlohmann::json out = {{"clients", clients},
                                {"seconds", elapsed},
                                {"acknowledged_orders", acknowledged.load()},
                                {"failed", failed.load()},
                                {"orders_per_second", static_cast<double>(acknowledged.load()) / elapsed},
                                {"latency_ms", {{"p50", percentile(all, 0.50)}, {"p99", percentile(all, 0.99)}, {"max", percentile(all, 1.0)}}}};
    std::cout << out.dump(2) << "\n";
    return 0;
  } catch (const UsageError& e) {
    std::cerr << "finsim-orders-bench: " << e.what() << "\n";
    return 2;
  }
}
