// A stalled viewer (connects, never reads) does not delay the simulation or the other viewers,
// and is eventually dropped.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "http_client.hpp"
#include "server_process.hpp"
#include "stalled_viewer.hpp"
#include "ws_client.hpp"

using namespace finsim::test;
using Clock = std::chrono::steady_clock;

TEST_CASE("a stalled viewer does not delay the others, and is dropped") {
  ServerProcess server({"--stall-timeout", "1"});
  const int port = server.port();
  // 1,000 banks: each STATE_UPDATE is ~0.8 MB, so the stalled socket's buffers fill within a second.
  REQUIRE(http(port, "POST", "/control/reset", R"({"banks": 1000})").status == 200);
  REQUIRE(http(port, "POST", "/control/speed", R"({"steps_per_second": 20})").status == 200);

  StalledViewer stalled(port);
  WsViewer healthy(port);
  REQUIRE(wait_for_viewers(port, 2));

  std::vector<std::pair<int, Clock::time_point>> arrivals;
  std::thread reader([&] {
    const auto end = Clock::now() + std::chrono::seconds(4);
    while (Clock::now() < end) {
      const WsRead r = healthy.read(std::chrono::milliseconds(2000));
      if (!r.is_message()) return;
      if (r.type() == "STATE_UPDATE") arrivals.emplace_back(r.timestep(), Clock::now());
    }
  });
  const auto start = Clock::now();
  REQUIRE(http(port, "POST", "/control/play").status == 200);
  reader.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  REQUIRE(http(port, "POST", "/control/pause").status == 200);

  // The healthy viewer kept the configured rate (20/s), in order. (It may skip a state if the test
  // process itself is descheduled for a whole step on a busy machine: a few gaps are allowed.)
  REQUIRE(arrivals.size() > 2);
  const int steps = arrivals.back().first - arrivals.front().first;
  INFO("healthy viewer: " << arrivals.size() << " states over " << seconds << " s, " << steps << " steps");
  CHECK(steps >= static_cast<int>(20 * seconds * 0.7));
  CHECK(arrivals.size() >= static_cast<std::size_t>(steps * 0.9));
  for (std::size_t i = 1; i < arrivals.size(); ++i) CHECK(arrivals[i].first > arrivals[i - 1].first);
  // The stalled viewer is gone.
  CHECK(wait_for_viewers(port, 1));
}
