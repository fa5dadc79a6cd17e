#include "server.hpp"

#include "fail.hpp"

#include <algorithm>
#include <csignal>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <unistd.h>

#include <random>

#include "analysis_lane.hpp"
#include "fanout/fanout.hpp"
#include "listener.hpp"
#include "portfolio/api.hpp"
#include "portfolio/banking_link.hpp"
#include "portfolio/feed.hpp"
#include "portfolio/service.hpp"
#include "session_registry.hpp"
#include "static_files.hpp"

namespace finsim::server {

namespace net = boost::asio;
using net::ip::tcp;

namespace {

constexpr std::chrono::seconds kShutdownGrace{3};

/// The simulation lanes (an io_context and its one thread each): one per session that may exist, so
/// that a session whose step is due never waits for another session's step, up to this many.
constexpr int kMaxSimulationLanes = 64;

/// --instance, or a name unique among the instances sharing a Redis: host, process and a random part.
std::string instance_name(const ServerOptions& options) {
  if (!options.instance.empty()) return options.instance;
  char host[64] = "host";
  ::gethostname(host, sizeof host - 1);
  std::string name;
  for (const char* c = host; *c != '\0'; ++c)
    if (SessionRegistry::valid_id(std::string_view(c, 1))) name += *c;
  return name.substr(0, 32) + "-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}() % 100000);
}

Result<net::ip::address> parse_host(const std::string& host) {
  if (host == "localhost") return net::ip::make_address("127.0.0.1");
  boost::system::error_code ec;
  auto address = net::ip::make_address(host, ec);
  if (ec) return make_error("bad_host", "--host '" + host + "' is not an IP address (or localhost)");
  return address;
}

}  // namespace

struct Server::State {
  explicit State(const ServerOptions& o)
      : options(o),
        simulation_lanes(static_cast<std::size_t>(std::min(o.max_sessions, kMaxSimulationLanes))),
        io(o.threads),
        signals(io, SIGINT, SIGTERM),
        shutdown_timer(io) {}

  void begin_shutdown();
  void poll_shutdown();
  void wait_for_signal();

  ServerOptions options;
  // The sessions' timers and steps run on their own threads (lanes: session_registry.hpp), so a step
  // is never late because the network threads are busy writing to thousands of viewers, nor because
  // another session's step is long. Declared before `io`: the network's pending handlers can hold the
  // last reference to a session, whose timer must outlive them.
  struct Lane {
    net::io_context io{1};
  };
  std::vector<Lane> simulation_lanes;
  net::io_context io;  // the network: before everything that uses it, so destroyed after them
  net::signal_set signals;
  net::steady_timer shutdown_timer;
  std::chrono::steady_clock::time_point shutdown_deadline{};
  bool stopping = false;  // touched by signal handlers only, which run one at a time (io's handlers)
  std::shared_ptr<SessionRegistry> sessions;
  std::shared_ptr<Fanout> fanout;  ///< --redis: sessions shared with other instances (null: alone)
  std::shared_ptr<PortfolioService> portfolio;
  // "Why did this bank fail?" runs here, off the simulation lanes and the network (why_api.hpp).
  std::shared_ptr<AnalysisLane> analysis = std::make_shared<AnalysisLane>();
  std::shared_ptr<ServerContext> context;
  std::shared_ptr<Listener> listener;
  tcp::endpoint endpoint;
};

Server::Server(const ServerOptions& options) : s_(std::make_unique<State>(options)) {}

Server::~Server() = default;

Status Server::start(store::Database db) {
  auto address = parse_host(s_->options.host);
  if (!address.ok()) return address.error();

  BookOptions book;
  book.market_seed = s_->options.market_seed;
  book.market_bars = static_cast<std::size_t>(s_->options.market_bars);
  book.import_dir = s_->options.import_dir;
  book.max_portfolios = static_cast<std::size_t>(s_->options.max_portfolios);
  book.max_portfolios_per_client = static_cast<std::size_t>(s_->options.max_portfolios_per_client);
  book.max_signals = s_->options.max_signals;
  book.idempotency.lifetime = std::chrono::seconds(s_->options.idempotency_retention_s);
  book.idempotency.max_keys = static_cast<std::size_t>(s_->options.idempotency_max_keys);
  PortfolioService::Options service;
  service.market_interval = std::chrono::milliseconds(static_cast<long long>(s_->options.market_interval_s * 1000.0));
  auto feed = std::make_shared<PortfolioFeed>();
  s_->portfolio = std::make_shared<PortfolioService>(Book(std::move(db), book), feed, service);
  if (Status st = s_->portfolio->start(); !st.ok()) return st;

  std::vector<net::any_io_executor> lanes;
  for (auto& lane : s_->simulation_lanes) lanes.emplace_back(lane.io.get_executor());
  LiveSession::Options live;
  live.stamp = s_->options.stamp;
  if (!s_->options.redis.empty()) {
    auto address = parse_redis_address(s_->options.redis);
    if (!address.ok()) return address.error();
    auto fanout = Fanout::connect(*address, instance_name(s_->options), s_->io.get_executor());
    if (!fanout.ok()) return fanout.error();
    s_->fanout = std::move(fanout).value();
    live.mirror = s_->fanout;
    live.instance = s_->fanout->instance();
  }
  s_->sessions = std::make_shared<SessionRegistry>(std::move(lanes),
                                                   static_cast<std::size_t>(s_->options.max_sessions),
                                                   s_->options.max_banks, live);
  if (s_->fanout) {
    s_->sessions->set_claims(s_->fanout);
    if (Status st = s_->fanout->start(s_->sessions); !st.ok()) return st;
  } else if (Status st = s_->sessions->start(); !st.ok()) {
    return st;
  }
  restore_banking_links(s_->portfolio, s_->sessions);

  s_->context = std::make_shared<ServerContext>();
  s_->context->connections =
      std::make_shared<ConnectionTracker>(static_cast<std::size_t>(s_->options.max_connections),
                                          static_cast<std::size_t>(s_->options.max_connections_per_client));
  s_->context->limits.viewer_stall =
      std::chrono::milliseconds(static_cast<long long>(s_->options.stall_timeout_s * 1000.0));

  s_->listener = std::make_shared<Listener>(s_->io, s_->context);
  if (Status st = s_->listener->open(tcp::endpoint(*address, static_cast<unsigned short>(s_->options.port))); !st.ok()) {
    if (s_->fanout) s_->fanout->stop();  // its sessions go to the other instances at once
    return st;
  }
  s_->endpoint = s_->listener->local_endpoint();
  // The router knows the port writes must name (with --port 0, known only now); nothing is accepted
  // before run(), so no connection sees the context without it.
  auto files = std::make_shared<const StaticFiles>(s_->options.web_root);
  auto api = std::make_shared<const PortfolioApi>(s_->portfolio, s_->sessions, s_->options.control_token);
  s_->context->router = std::make_shared<const Router>(s_->sessions, files, s_->options.control_token,
                                                       OriginPolicy(s_->endpoint.port(), s_->options.allowed_origins),
                                                       api, feed, s_->analysis, s_->fanout);
  s_->wait_for_signal();
  return {};
}

std::string Server::url() const {
  net::ip::address address = s_->endpoint.address();
  if (address.is_unspecified()) address = net::ip::make_address(address.is_v6() ? "::1" : "127.0.0.1");
  std::string url = "http://";
  url.append(address.is_v6() ? "[" : "").append(address.to_string()).append(address.is_v6() ? "]" : "");
  url.append(":").append(std::to_string(s_->endpoint.port())).append("/");
  return url;
}

void Server::State::wait_for_signal() {
  signals.async_wait([this](const boost::system::error_code& ec, int) {
    if (ec) return;
    begin_shutdown();
  });
}

void Server::State::begin_shutdown() {
  if (stopping) {  // a second signal: stop now
    io.stop();
    return;
  }
  stopping = true;
  wait_for_signal();
  listener->stop();
  if (fanout) fanout->stop();  // other instances take the sessions over from what reached Redis
  sessions->close_all(CloseReason{kCloseGoingAway, "server shutting down"});
  context->connections->shutdown_all();
  shutdown_deadline = std::chrono::steady_clock::now() + kShutdownGrace;
  poll_shutdown();
}

void Server::State::poll_shutdown() {
  if (context->connections->count() == 0 || std::chrono::steady_clock::now() >= shutdown_deadline) {
    io.stop();  // anything still pending (a viewer that never drains) is cancelled with the context
    return;
  }
  shutdown_timer.expires_after(std::chrono::milliseconds(20));
  shutdown_timer.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) poll_shutdown();
  });
}

namespace {

// Runs `io` until it stops. A handler that throws (a bug, or a library's exception on hostile input)
// unwinds out of run(); Asio allows run() to be called again, so the server logs it and goes on serving
// everyone else: nothing thrown while serving one request may end the server.
void run_resilient(net::io_context& io, const char* what) {
  for (;;) {
    try {
      io.run();
      return;
    } catch (const std::exception& e) {
      fail_thrown(what, e.what());
    } catch (...) {
      fail_thrown(what, "an unknown exception");
    }
  }
}

}  // namespace

void Server::run() {
  s_->listener->run();
  std::vector<net::executor_work_guard<net::io_context::executor_type>> simulation_work;
  std::vector<std::thread> simulation;
  for (auto& lane : s_->simulation_lanes) {
    simulation_work.push_back(net::make_work_guard(lane.io));
    simulation.emplace_back([&lane] { run_resilient(lane.io, "simulation"); });
  }
  std::vector<std::thread> threads;
  for (int i = 1; i < s_->options.threads; ++i) threads.emplace_back([this] { run_resilient(s_->io, "network"); });
  run_resilient(s_->io, "network");
  for (auto& t : threads) t.join();
  // The question being explained finishes (its answer goes nowhere); those waiting are dropped.
  s_->analysis->stop();
  // The network has stopped and every session was closed (its timer cancelled). The portfolio service
  // commits what is queued (answers can no longer be sent: those clients retry with their keys).
  s_->portfolio->stop();
  for (auto& work : simulation_work) work.reset();
  for (auto& lane : s_->simulation_lanes) lane.io.stop();
  for (auto& t : simulation) t.join();
}

}  // namespace finsim::server
