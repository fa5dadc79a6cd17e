// finsim-load: many WebSocket viewers against a running finsim-server, and what they experience
// (docs/server.md, "Load test"). Exit codes: 0 done, 2 bad arguments or no server.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "load_options.hpp"
#include "load_stats.hpp"
#include "load_worker.hpp"
#include "plain_http.hpp"
#include "proc_usage.hpp"

namespace {

using namespace finsim::tools;
using Clock = std::chrono::steady_clock;

struct Controller {
  const LoadOptions& o;

  std::string query() const { return o.session.empty() ? "" : "?session=" + o.session; }

  /// POSTs a control; returns the status JSON, or nullopt (with a message on stderr).
  std::optional<nlohmann::json> control(const std::string& name, const std::string& body = "") const {
    Headers headers{{"Content-Type", "application/json"}};
    if (!o.token.empty()) headers.emplace_back("Authorization", "Bearer " + o.token);
    const HttpReply r = http(o.host, o.port, "POST", "/control/" + name + query(), body, headers);
    if (r.status != 200) {
      std::cerr << "finsim-load: POST /control/" << name << " failed: HTTP " << r.status << " " << r.body << "\n";
      return std::nullopt;
    }
    return nlohmann::json::parse(r.body, nullptr, false);
  }
};

template <class F>
int sum(const std::vector<std::unique_ptr<LoadWorker>>& workers, F f) {
  int total = 0;
  for (const auto& w : workers) total += f(*w);
  return total;
}

/// Waits until `done()` or the timeout; true when done.
template <class F>
bool wait_until(F done, std::chrono::duration<double> timeout) {
  const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(timeout);
  while (!done()) {
    if (Clock::now() >= end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

double cpu_seconds_self() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// The servers' usage summed (CPU seconds, resident and peak memory); nullopt when none is given or
/// one cannot be read.
std::optional<ProcessUsage> servers_usage(const std::vector<pid_t>& pids) {
  if (pids.empty()) return std::nullopt;
  ProcessUsage total;
  for (const pid_t pid : pids) {
    const auto u = process_usage(pid);
    if (!u) return std::nullopt;
    total.cpu_seconds += u->cpu_seconds;
    total.rss_mb += u->rss_mb;
    total.peak_rss_mb += u->peak_rss_mb;
  }
  return total;
}

struct Report {
  LoadStats stats;
  int viewers = 0, connected = 0, steps = 0, final_timestep = 0, holding = 0, open = 0, compressed = 0;
  double connect_s = 0, window_s = 0, settle_s = 0;
  bool stamped = false;
  double server_cpu = -1, server_rss_mb = -1, server_peak_mb = -1;  ///< -1: not measured
  double self_cpu = 0;
};

void print_report(const LoadOptions& o, Report& r) {
  LoadStats& s = r.stats;
  const double per_s = 1.0 / r.window_s;
  const double expected = static_cast<double>(r.connected) * r.steps;
  const double dropped_pct = expected > 0 ? 100.0 * static_cast<double>(s.dropped_states) / expected : 0.0;
  std::printf("finsim-load: %d viewers of session '%s', %.1f s at %g steps/s (%d steps)\n", r.viewers,
              o.session.empty() ? "default" : o.session.c_str(), r.window_s, o.speed, r.steps);
  std::printf("  connected                 %d of %d in %.2f s", r.connected, r.viewers, r.connect_s);
  if (o.deflate) std::printf(", %d with permessage-deflate", r.compressed);
  std::printf("\n");
  std::printf("  messages delivered        %.0f /s (STATE_UPDATE %.0f/s, METRICS_UPDATE %.0f/s, EVENT %.0f/s, "
              "STATUS %.0f/s), %.1f MB/s\n",
              static_cast<double>(s.messages) * per_s, static_cast<double>(s.states) * per_s,
              static_cast<double>(s.metrics) * per_s, static_cast<double>(s.events) * per_s,
              static_cast<double>(s.statuses) * per_s, static_cast<double>(s.bytes) * per_s / 1e6);
  if (expected > 0)
    std::printf("  bytes per viewer per step %.1f KB\n", static_cast<double>(s.bytes) / expected / 1e3);
  double median = 0, p99 = 0;
  if (r.stamped) {
    median = quantile(s.state_delays_ms, 0.5);
    p99 = quantile(s.state_delays_ms, 0.99);
    std::printf("  STATE_UPDATE delay        median %.1f ms, p99 %.1f ms, max %.1f ms (%zu arrivals)\n", median, p99,
                quantile(s.state_delays_ms, 1.0), s.state_delays_ms.size());
    std::printf("  METRICS_UPDATE delay      median %.1f ms, p99 %.1f ms (%zu arrivals)\n",
                quantile(s.metrics_delays_ms, 0.5), quantile(s.metrics_delays_ms, 0.99), s.metrics_delays_ms.size());
  } else {
    std::printf("  delay                     not measured: start finsim-server with --stamp\n");
  }
  std::printf("  dropped STATE_UPDATEs     %llu of %.0f (%.2f%%)\n", static_cast<unsigned long long>(s.dropped_states),
              expected, dropped_pct);
  std::printf("  final STATE_UPDATE (t=%d)  held by %d of %d open viewers, %.2f s after pause\n", r.final_timestep,
              r.holding, r.open, r.settle_s);
  std::printf("  disconnected during run   %llu\n", static_cast<unsigned long long>(s.disconnected));
  if (r.server_cpu >= 0)
    std::printf("  server CPU                %.0f%% of one core; memory %.1f MB resident (peak %.1f MB)\n", r.server_cpu,
                r.server_rss_mb, r.server_peak_mb);
  std::printf("  finsim-load CPU           %.0f%% of one core\n", r.self_cpu);
  // One Markdown row for docs/server.md.
  std::printf("| %d | %.0f | %.1f | %.1f | %.2f%% | %d / %d | %.0f%% | %.0f MB |\n", r.viewers,
              static_cast<double>(s.messages) * per_s, median, p99, dropped_pct, r.holding, r.connected, r.server_cpu,
              r.server_peak_mb);
}

int run(const LoadOptions& o) {
  const Controller controller{o};
  const HttpReply status = http(o.host, o.port, "GET", "/control/status" + controller.query());
  if (status.status != 200) {
    std::cerr << "finsim-load: no finsim-server answers at " << o.host << ":" << o.port << " (HTTP " << status.status
              << ")\n";
    return 2;
  }
  if (!controller.control("pause") ||
      !controller.control("speed", "{\"steps_per_second\":" + std::to_string(o.speed) + "}"))
    return 2;

  LoadControl control;
  std::vector<std::unique_ptr<LoadWorker>> workers;
  std::vector<std::thread> threads;
  const std::string target = "/ws/simulation" + controller.query();
  const auto per = static_cast<std::size_t>(o.viewers / o.threads);
  for (int t = 0; t < o.threads; ++t) {
    const std::size_t first = static_cast<std::size_t>(t) * per;
    const std::size_t count = t + 1 == o.threads ? static_cast<std::size_t>(o.viewers) - first : per;
    workers.push_back(std::make_unique<LoadWorker>(o, target, first, count, control));
  }
  for (auto& w : workers) threads.emplace_back([&w] { w->run(); });

  const auto connect_start = Clock::now();
  wait_until([&] { return sum(workers, [](auto& w) { return w.settled_connects(); }) >= o.viewers; },
             std::chrono::seconds(120));
  const double connect_s = std::chrono::duration<double>(Clock::now() - connect_start).count();
  const int failed = sum(workers, [](auto& w) { return w.failed_connects(); });
  const int connected = o.viewers - failed;

  const auto usage0 = servers_usage(o.server_pids);
  const double self0 = cpu_seconds_self();
  const auto start = Clock::now();
  control.play_wall_us = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  control.phase = LoadControl::measuring;
  const auto played = controller.control("play");
  std::this_thread::sleep_for(std::chrono::duration<double>(o.seconds));
  const auto paused = controller.control("pause");
  control.phase = LoadControl::settling;
  const double window_s = std::chrono::duration<double>(Clock::now() - start).count();
  const auto usage1 = servers_usage(o.server_pids);
  const double self1 = cpu_seconds_self();
  if (!played || !paused) {
    control.phase = LoadControl::stopping;
    for (auto& t : threads) t.join();
    return 2;
  }
  const int first_t = (*played)["timestep"];
  const int final_t = (*paused)["timestep"];
  control.final_timestep = final_t;
  const auto settle_start = Clock::now();
  wait_until(
      [&] {
        return sum(workers, [](auto& w) { return w.holding_final(); }) >= sum(workers, [](auto& w) { return w.open_viewers(); });
      },
      std::chrono::duration<double>(o.settle_seconds));
  const double settle_s = std::chrono::duration<double>(Clock::now() - settle_start).count();
  const int holding = sum(workers, [](auto& w) { return w.holding_final(); });
  const int open = sum(workers, [](auto& w) { return w.open_viewers(); });
  const bool stamped = sum(workers, [](auto& w) { return w.stamped() ? 1 : 0; }) > 0;
  control.phase = LoadControl::stopping;
  for (auto& t : threads) t.join();

  Report report;
  for (const auto& w : workers) report.stats.merge(w->stats());
  report.viewers = o.viewers;
  report.connected = connected;
  report.connect_s = connect_s;
  report.window_s = window_s;
  report.steps = final_t - first_t;
  report.final_timestep = final_t;
  report.holding = holding;
  report.open = open;
  report.settle_s = settle_s;
  report.stamped = stamped;
  report.compressed = sum(workers, [](auto& w) { return w.compressed_viewers(); });
  if (usage0 && usage1) report.server_cpu = 100.0 * (usage1->cpu_seconds - usage0->cpu_seconds) / window_s;
  if (usage1) report.server_rss_mb = usage1->rss_mb;
  if (usage1) report.server_peak_mb = usage1->peak_rss_mb;
  report.self_cpu = 100.0 * (self1 - self0) / window_s;
  print_report(o, report);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  auto options = parse_load_options(std::vector<std::string>(argv + 1, argv + argc));
  if (!options.ok()) {
    std::cerr << "finsim-load: " << options.error().message << "\n";
    return 2;
  }
  if (options->help) {
    std::cout << load_usage();
    return 0;
  }
  raise_descriptor_limit();
  return run(*options);
}
