// The server process: the network io_context and its threads, the simulation threads (the sessions'
// timers and steps), the listener, the sessions, and the orderly shutdown on SIGINT/SIGTERM
// (docs/server.md).
#pragma once

#include <memory>
#include <string>

#include "finsim/result.hpp"
#include "server_options.hpp"
#include "store/database.hpp"

namespace finsim::server {

/// Not thread-safe: construct, start() and run() from one thread (run() starts the others).
class Server {
 public:
  explicit Server(const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Starts the portfolio service on `db` (the store, migrated; creating the default market on an
  /// empty database), binds the address, creates the default session and installs the signal
  /// handlers. Errors: bad_host, bind_failed, "store", and the engine's. Call once, before run().
  Status start(store::Database db);

  /// The URL to open, e.g. "http://127.0.0.1:8080/" (valid after start()).
  [[nodiscard]] std::string url() const;

  /// Serves until SIGINT or SIGTERM, then stops accepting, sends every viewer a close frame
  /// (1001 going away), lets pending writes finish for up to 3 s, cancels what is left, lets the
  /// portfolio service commit what it has queued, and returns. A second signal stops at once.
  /// Blocks the calling thread, which is one of the threads.
  void run();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace finsim::server
