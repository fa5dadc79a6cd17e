#include "load_worker.hpp"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>

namespace finsim::tools {
namespace {

constexpr int kConnectsInFlight = 128;  // the listen backlog is not flooded with thousands of SYNs

std::int64_t wall_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// The number after `"key":` within the prefix, or nullopt.
bool number_after(std::string_view text, std::string_view key, double& out) {
  const auto at = text.find(key);
  if (at == std::string_view::npos) return false;
  const std::string digits(text.substr(at + key.size(), 24));
  char* end = nullptr;
  out = std::strtod(digits.c_str(), &end);
  return end != digits.c_str();
}

}  // namespace

LoadWorker::LoadWorker(const LoadOptions& options, std::string target, std::size_t first, std::size_t count,
                       const LoadControl& control)
    : options_(options), target_(std::move(target)), first_(first), control_(control), last_state_(count, -1),
      lost_(count, false), buffer_(256 * 1024) {
  viewers_.resize(count);
}

void LoadWorker::on_message(std::size_t viewer, std::string_view prefix, std::size_t size) {
  const std::size_t local = viewer - first_;
  const bool state = prefix.rfind(R"({"type":"STATE_UPDATE")", 0) == 0;
  const bool metrics = !state && prefix.rfind(R"({"type":"METRICS_UPDATE")", 0) == 0;
  const bool status = !state && !metrics && prefix.rfind(R"({"type":"STATUS")", 0) == 0;
  const int phase = control_.phase.load(std::memory_order_relaxed);
  if (phase == LoadControl::measuring) {
    ++stats_.messages;
    stats_.bytes += size;
    if (state) ++stats_.states;
    else if (metrics) ++stats_.metrics;
    else if (status) ++stats_.statuses;
    else ++stats_.events;
  }
  if (!state && !metrics) return;
  double published_ms = 0;
  if (number_after(prefix, R"("published_at_ms":)", published_ms)) {
    stamped_.store(true, std::memory_order_relaxed);
    const double now_ms = static_cast<double>(wall_us()) / 1000.0;
    if (phase != LoadControl::connecting && published_ms * 1000.0 >= static_cast<double>(control_.play_wall_us.load()))
      (state ? stats_.state_delays_ms : stats_.metrics_delays_ms).push_back(static_cast<float>(now_ms - published_ms));
  }
  if (!state) return;
  double timestep = -1;
  if (!number_after(prefix, R"("timestep":)", timestep)) return;
  const int t = static_cast<int>(timestep);
  int& last = last_state_[local];
  if (last < 0) {
    settled_connects_.fetch_add(1);
    if (viewers_[local]->compressed()) compressed_viewers_.fetch_add(1);
  }
  else if (phase != LoadControl::connecting && t > last + 1) stats_.dropped_states += static_cast<std::uint64_t>(t - last - 1);
  last = t;
}

void LoadWorker::start_connects(int epoll_fd) {
  while (connecting_ < kConnectsInFlight && next_connect_ < viewers_.size()) {
    const std::size_t local = next_connect_++;
    const std::size_t index = first_ + local;
    const int port = options_.viewer_ports.empty() ? options_.port
                                                   : options_.viewer_ports[index % options_.viewer_ports.size()];
    auto v = std::make_unique<RawViewer>(index, options_.host, port, target_, options_.receive_buffer, options_.deflate);
    if (v->state() == RawViewer::State::closed) {
      failed_connects_.fetch_add(1);
      settled_connects_.fetch_add(1);
      lost_[local] = true;
      continue;
    }
    epoll_event ev{};
    ev.events = EPOLLOUT | EPOLLIN;
    ev.data.u64 = local;
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, v->fd(), &ev);
    viewers_[local] = std::move(v);
    ++connecting_;
    open_viewers_.fetch_add(1);
  }
}

void LoadWorker::viewer_lost(std::size_t local) {
  if (lost_[local]) return;
  lost_[local] = true;
  open_viewers_.fetch_sub(1);
  if (last_state_[local] < 0) {
    --connecting_;
    failed_connects_.fetch_add(1);
    settled_connects_.fetch_add(1);
  } else {
    ++stats_.disconnected;
  }
  viewers_[local]->close_now();
}

void LoadWorker::handle(int epoll_fd, std::size_t local, std::uint32_t events) {
  RawViewer& v = *viewers_[local];
  if (v.state() == RawViewer::State::connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
    v.on_writable();
    if (v.state() == RawViewer::State::closed) return viewer_lost(local);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = local;
    epoll_ctl(epoll_fd, EPOLL_CTL_MOD, v.fd(), &ev);
    return;
  }
  if (!(events & (EPOLLIN | EPOLLERR | EPOLLHUP))) return;
  const bool had_state = last_state_[local] >= 0;
  const ssize_t n = recv(v.fd(), buffer_.data(), buffer_.size(), 0);
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) return viewer_lost(local);
  if (n > 0) v.on_bytes(buffer_.data(), static_cast<std::size_t>(n), *this);
  if (!had_state && last_state_[local] >= 0) --connecting_;
  if (v.state() == RawViewer::State::closed) viewer_lost(local);
}

void LoadWorker::update_progress() {
  const int final_t = control_.final_timestep.load();
  if (final_t < 0) return;
  int holding = 0;
  for (std::size_t i = 0; i < viewers_.size(); ++i)
    if (!lost_[i] && last_state_[i] == final_t) ++holding;
  holding_final_.store(holding);
}

void LoadWorker::run() {
  const int epoll_fd = epoll_create1(0);
  std::vector<epoll_event> events(1024);
  while (control_.phase.load() != LoadControl::stopping) {
    start_connects(epoll_fd);
    const int n = epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()), 20);
    for (int i = 0; i < n; ++i) {
      const auto local = static_cast<std::size_t>(events[static_cast<std::size_t>(i)].data.u64);
      if (!lost_[local]) handle(epoll_fd, local, events[static_cast<std::size_t>(i)].events);
    }
    update_progress();
  }
  close(epoll_fd);
}

}  // namespace finsim::tools
