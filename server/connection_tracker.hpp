// Every open TCP connection (HTTP or WebSocket) holds a ticket from the tracker: it enforces the
// connection limits — all connections, and those of one client (an address: client_address.hpp), so
// that one client's idle sockets cannot use up the slots of everyone else — and lets a shutdown reach
// every connection. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace finsim::server {

/// A connection the server can ask to stop.
class Connection {
 public:
  virtual ~Connection() = default;
  /// The server is stopping: finish or abandon the current exchange and close. Thread-safe, idempotent.
  virtual void shutdown() = 0;
};

class ConnectionTracker : public std::enable_shared_from_this<ConnectionTracker> {
 public:
  /// Move-only proof of admission; releasing it (destruction) frees the slot.
  class Ticket {
   public:
    Ticket() = default;
    Ticket(Ticket&& other) noexcept;
    Ticket& operator=(Ticket&& other) noexcept;
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    ~Ticket();
    /// Names the connection a shutdown should reach (an upgraded socket binds its new owner).
    void bind(std::weak_ptr<Connection> owner);

   private:
    friend class ConnectionTracker;
    Ticket(std::shared_ptr<ConnectionTracker> tracker, std::uint64_t id) : tracker_(std::move(tracker)), id_(id) {}
    void release();
    std::shared_ptr<ConnectionTracker> tracker_;
    std::uint64_t id_ = 0;
  };

  ConnectionTracker(std::size_t max_connections, std::size_t max_per_client)
      : max_(max_connections), max_per_client_(max_per_client) {}

  /// A ticket for a connection from `client` (client_address()), or nullopt when `max_connections`
  /// are open, `max_per_client` are open from `client`, or a shutdown has begun.
  std::optional<Ticket> admit(const std::string& client);
  /// Calls shutdown() on every bound connection (outside the lock); admits nothing afterwards.
  void shutdown_all();
  [[nodiscard]] std::size_t count() const;
  /// Connections open from `client`.
  [[nodiscard]] std::size_t count(const std::string& client) const;

 private:
  struct Open {
    std::weak_ptr<Connection> owner;
    std::string client;
  };
  std::mutex mutable mutex_;
  std::unordered_map<std::uint64_t, Open> open_;
  std::unordered_map<std::string, std::size_t> per_client_;  ///< clients with at least one connection
  std::uint64_t next_id_ = 1;
  std::size_t max_;
  std::size_t max_per_client_;
  bool stopping_ = false;
};

}  // namespace finsim::server
