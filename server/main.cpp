// finsim-server: the FinSim engine shared live with many viewers (docs/server.md), and the portfolio
// mode's REST API (docs/portfolio-api.md).
// Exit codes: 0 after a signal-initiated shutdown, --help or a successful --import; 2 for bad
// arguments, an unusable database or address, or a refused import; 1 for an internal error.
#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "portfolio/import_command.hpp"
#include "server.hpp"
#include "server_options.hpp"
#include "store/server_schema.hpp"
#include "store/store.hpp"

namespace {

/// Many viewers need many descriptors: raise the soft limit to the hard one.
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

int serve(const finsim::server::ServerOptions& options) {
  auto store = finsim::store::open_store(options.db_path, finsim::store::server_migrations());
  if (!store.ok()) {
    std::cerr << "finsim-server: " << store.error().message << "\n";
    return 2;
  }
  const int schema_version = store->schema_version;
  const std::string database = store->db.path();  // the URI's password hidden
  if (!options.import_file.empty()) return finsim::server::run_import_command(options, std::move(store->db));
  finsim::server::Server server(options);
  if (auto st = server.start(std::move(store->db)); !st.ok()) {
    std::cerr << "finsim-server: " << st.error().message << "\n";
    return 2;
  }
  // The first line is the URL (tests and scripts read it); the rest describes the setup.
  std::cout << "finsim-server: serving " << server.url() << "\n";
  std::cout << "finsim-server: database " << database << " (schema version " << schema_version << ")\n";
  if (!options.redis.empty()) std::cout << "finsim-server: live sessions shared with other instances through " << options.redis << "\n";
  std::cout << "finsim-server: controls and portfolio changes "
            << (options.control_token.empty() ? "open to anyone who can reach the address"
                                              : "need 'Authorization: Bearer <token>'")
            << "\n"
            << std::flush;
  if (options.control_token.empty() && options.host != "127.0.0.1" && options.host != "localhost" &&
      options.host != "::1")
    std::cerr << "finsim-server: warning: listening beyond loopback without --control-token: anyone who can "
                 "reach it can drive the simulation and trade the portfolios\n";
  server.run();
  std::cout << "finsim-server: stopped\n" << std::flush;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  const char* env_token = std::getenv("FINSIM_CONTROL_TOKEN");
  auto options = finsim::server::parse_server_options(std::vector<std::string>(argv + 1, argv + argc),
                                                      env_token ? env_token : "");
  if (!options.ok()) {
    std::cerr << "finsim-server: " << options.error().message << "\n";
    return 2;
  }
  if (options->help) {
    std::cout << finsim::server::server_usage();
    return 0;
  }
  raise_descriptor_limit();
  try {
    return serve(*options);
  } catch (const std::exception& e) {
    std::cerr << "finsim-server: internal error: " << e.what() << "\n";
    return 1;
  }
}
