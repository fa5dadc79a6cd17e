// ViewerQueue: state over animation. Newer states and metrics replace unsent older ones; events are
// dropped oldest-first; the order within a step is kept; the size stays bounded.
#include <catch2/catch.hpp>

#include "frame.hpp"
#include "viewer_queue.hpp"

using namespace finsim::server;

namespace {

Frame frame(FrameKind kind, const std::string& text) { return Frame{kind, std::make_shared<const std::string>(text)}; }

/// "e3" and the like (built by appending: GCC 12 warns falsely about "e" + std::to_string(3)).
std::string tag(const char* prefix, int n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

std::string drain(ViewerQueue& q) {
  std::string out;
  while (auto f = q.pop()) out += *f->text + " ";
  return out;
}

}  // namespace

TEST_CASE("a viewer queue keeps one step's events, state and metrics in order") {
  ViewerQueue q(8);
  q.push(frame(FrameKind::event, "e1"));
  q.push(frame(FrameKind::event, "e2"));
  q.push(frame(FrameKind::state, "s1"));
  q.push(frame(FrameKind::metrics, "m1"));
  CHECK(drain(q) == "e1 e2 s1 m1 ");
  CHECK(q.empty());
}

TEST_CASE("a newer STATE_UPDATE and METRICS_UPDATE replace unsent older ones and move to the back") {
  ViewerQueue q(8);
  q.push(frame(FrameKind::state, "s1"));
  q.push(frame(FrameKind::metrics, "m1"));
  q.push(frame(FrameKind::event, "e2"));
  q.push(frame(FrameKind::state, "s2"));
  q.push(frame(FrameKind::metrics, "m2"));
  CHECK(q.replaced_states() == 1);
  CHECK(drain(q) == "e2 s2 m2 ");
}

TEST_CASE("when the event queue is full the oldest event is dropped, never a state") {
  ViewerQueue q(3);
  q.push(frame(FrameKind::state, "s1"));
  for (int i = 1; i <= 5; ++i) q.push(frame(FrameKind::event, tag("e", i)));
  CHECK(q.size() == 4);
  CHECK(q.dropped_events() == 2);
  CHECK(drain(q) == "s1 e3 e4 e5 ");
}

TEST_CASE("a viewer queue never holds more than max_events + 2 frames") {
  ViewerQueue q(4);
  for (int step = 0; step < 100; ++step) {
    for (int e = 0; e < 7; ++e) q.push(frame(FrameKind::event, "e"));
    q.push(frame(FrameKind::state, tag("s", step)));
    q.push(frame(FrameKind::metrics, tag("m", step)));
    REQUIRE(q.size() <= 6);
  }
  std::string last_state;
  while (auto f = q.pop())
    if (f->kind == FrameKind::state) last_state = *f->text;
  CHECK(last_state == "s99");
}

TEST_CASE("frames are classified by the engine's leading type and stamped only on request") {
  const std::string state = R"({"type":"STATE_UPDATE","schema_version":"1.0","payload":{"timestep":3}})";
  const std::string metrics = R"({"type":"METRICS_UPDATE","payload":{"liquidity":1}})";
  const std::string event = R"({"type":"EVENT","payload":{"event_id":"evt-3-0"}})";
  CHECK(frame_kind(state) == FrameKind::state);
  CHECK(frame_kind(metrics) == FrameKind::metrics);
  CHECK(frame_kind(event) == FrameKind::event);
  CHECK(*make_frame(state, false).text == state);
  const std::string stamped = *make_frame(metrics, true).text;
  CHECK(stamped.rfind(R"({"type":"METRICS_UPDATE","payload":{"published_at_ms":)", 0) == 0);
  CHECK(stamped.find(R"(,"liquidity":1}})") != std::string::npos);
  CHECK(*make_frame(event, true).text == event);
}
