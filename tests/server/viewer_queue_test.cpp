// ViewerQueue: state over animation. Newer states and metrics replace unsent older ones; events are
// dropped oldest-first; the order within a step is kept; the size stays bounded.
#include <catch2/catch.hpp>

#include "frame.hpp"
#include "viewer_queue.hpp"

using namespace finsim::server;

namespace {

Frame frame(FrameKind kind, const std::string& text, std::uint64_t publication) {
  return Frame{kind, std::make_shared<const std::string>(text), publication, nullptr};
}

/// "e3" and the like (built by appending: GCC 12 warns falsely about "e" + std::to_string(3)).
std::string tag(const char* prefix, int n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

/// One publication of step `step`: `events` EVENTs, then its STATE_UPDATE and METRICS_UPDATE.
void publish(ViewerQueue& q, int step, int events) {
  const auto p = static_cast<std::uint64_t>(step);
  for (int e = 0; e < events; ++e) q.push(frame(FrameKind::event, tag("e", step), p));
  q.push(frame(FrameKind::state, tag("s", step), p));
  q.push(frame(FrameKind::metrics, tag("m", step), p));
}

std::string drain(ViewerQueue& q) {
  std::string out;
  while (auto f = q.pop()) out += *f->text + " ";
  return out;
}

}  // namespace

TEST_CASE("a viewer that keeps up gets a step's events, state and metrics in order") {
  ViewerQueue q(8);
  publish(q, 1, 2);
  CHECK(drain(q) == "e1 e1 s1 m1 ");
  publish(q, 2, 1);
  CHECK(drain(q) == "e2 s2 m2 ");
  CHECK(q.empty());
  CHECK(q.replaced_states() == 0);
  CHECK(q.dropped_events() == 0);
}

TEST_CASE("behind, a newer state takes the unsent one's place and the skipped step's events go") {
  ViewerQueue q(8);
  publish(q, 1, 2);
  publish(q, 2, 2);
  CHECK(q.replaced_states() == 1);
  CHECK(q.dropped_events() == 2);
  CHECK(drain(q) == "s2 m2 e2 e2 ");
}

TEST_CASE("the metrics of a state being written are kept, those of a skipped state are not") {
  ViewerQueue q(8);
  publish(q, 1, 0);
  REQUIRE(*q.pop()->text == "s1");  // s1 is being written
  publish(q, 2, 1);                 // m1 still waits: it completes s1
  publish(q, 3, 1);                 // s2 is skipped, and m2 with it
  CHECK(drain(q) == "m1 s3 m3 e3 ");
}

TEST_CASE("when the event queue is full the oldest event is dropped, never a state") {
  ViewerQueue q(3);
  q.push(frame(FrameKind::state, "s1", 1));
  for (int i = 1; i <= 5; ++i) q.push(frame(FrameKind::event, tag("e", i), 1));
  CHECK(q.size() == 4);
  CHECK(q.dropped_events() == 2);
  CHECK(drain(q) == "s1 e3 e4 e5 ");
}

TEST_CASE("a slow viewer gets fresh states however many events come, in bounded memory") {
  ViewerQueue q(256);
  int last_state = 0, states = 0, metrics = 0;
  for (int step = 1; step <= 200; ++step) {
    publish(q, step, 50);
    REQUIRE(q.size() <= 53);
    auto f = q.pop();  // a writer that manages one frame per step
    REQUIRE(f);
    if (f->kind == FrameKind::metrics) ++metrics;
    if (f->kind != FrameKind::state) continue;
    const int t = std::stoi(f->text->substr(1));
    CHECK(t > last_state);
    CHECK(t == step);  // never an old state
    last_state = t;
    ++states;
  }
  CHECK(states >= 60);
  CHECK(metrics >= states - 1);  // a state that was sent is followed by its metrics
  // After the last publication only that step's frames wait (its state, unless just sent).
  const std::string rest = drain(q);
  CHECK((last_state == 200 || rest.find("s200") != std::string::npos));
  CHECK(rest.find("e199") == std::string::npos);
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

TEST_CASE("a newer STATUS replaces an unsent older one and never displaces the stream") {
  ViewerQueue q(8);
  publish(q, 1, 1);
  q.push(frame(FrameKind::status, "t1", 0));
  q.push(frame(FrameKind::status, "t2", 0));
  publish(q, 2, 1);
  q.push(frame(FrameKind::status, "t3", 0));
  CHECK(drain(q) == "s2 m2 e2 t3 ");
  CHECK(frame_kind(R"({"type":"STATUS","payload":{}})") == FrameKind::status);
  CHECK(*status_frame({{"viewers", 2}}).text == R"({"type":"STATUS","payload":{"viewers":2}})");
}
