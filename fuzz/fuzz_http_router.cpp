// libFuzzer target: a request's whole path through the server but the socket — raw bytes through
// Beast's request parser with the server's header and body limits, then the Router (the simulation
// controls, the sessions API, "why did this bank fail" on its analysis lane, static files and the
// portfolio API on an in-memory SQLite book) to an answer. Every parsed request must be answered, once, with a status in 100–599, within 10 s.
#include <chrono>
#include <cstdio>
#include <cstddef>
#include <cstdint>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "analysis_lane.hpp"
#include "plain_request.hpp"
#include "portfolio/api.hpp"
#include "portfolio/service.hpp"
#include "router.hpp"
#include "server_context.hpp"
#include "session_registry.hpp"
#include "static_files.hpp"
#include "store/server_schema.hpp"
#include "store/store.hpp"

namespace http = boost::beast::http;
namespace net = boost::asio;
using namespace finsim::server;
using finsim::Status;

namespace {

// Sessions above this size are refused, as they are to a client without the control token: large
// worlds are slow to step, not wrong.
constexpr int kMaxFuzzBanks = 200;
constexpr auto kDeadline = std::chrono::seconds(10);
constexpr auto kWhyDeadline = std::chrono::seconds(120);  // scripts/fuzz.sh gives this target -timeout=150

struct World {
  net::io_context io;
  net::executor_work_guard<net::io_context::executor_type> work = net::make_work_guard(io);
  std::thread simulation_thread;
  std::shared_ptr<SessionRegistry> sessions;
  std::shared_ptr<PortfolioService> portfolio;
  std::unique_ptr<Router> router;
  ConnectionLimits limits;

  World() {
    simulation_thread = std::thread([this] { io.run(); });
    auto feed = std::make_shared<PortfolioFeed>();
    BookOptions book;
    book.market_bars = 300;
    auto store = finsim::store::open_store(":memory:", finsim::store::server_migrations());  // as main.cpp does
    if (!store.ok()) __builtin_trap();
    portfolio = std::make_shared<PortfolioService>(Book(std::move(store->db), book), feed, PortfolioService::Options{});
    if (Status st = portfolio->start(); !st.ok()) {
      std::fprintf(stderr, "fuzz_http_router: the portfolio service did not start: %s\n", st.error().message.c_str());
      __builtin_trap();
    }
    sessions = std::make_shared<SessionRegistry>(std::vector<net::any_io_executor>{io.get_executor()}, 4, kMaxFuzzBanks,
                                                 LiveSession::Options{});
    if (!sessions->start().ok()) __builtin_trap();
    auto api = std::make_shared<const PortfolioApi>(portfolio, sessions, "");
    router = std::make_unique<Router>(sessions, std::make_shared<const StaticFiles>("/nonexistent-web-root"), "",
                                      OriginPolicy(8080), api, feed, std::make_shared<AnalysisLane>());
  }
};

World& world() {
  static World* w = new World();  // never destroyed: the fuzzer exits without running destructors
  return *w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  World& w = world();
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(w.limits.header_limit));
  parser.body_limit(w.limits.body_limit);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(net::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;
  HttpRequest plain = to_plain(parser.get(), "127.0.0.1");
  const bool why = plain.target.find("/why") != std::string::npos;

  auto answered = std::make_shared<std::promise<int>>();
  auto future = answered->get_future();
  w.router->handle(std::move(plain), [answered](HttpResponse r) { answered->set_value(r.status); });
  if (future.wait_for(why ? kWhyDeadline : kDeadline) != std::future_status::ready) __builtin_trap();
  const int status = future.get();
  if (status < 100 || status > 599) __builtin_trap();
  return 0;
}
