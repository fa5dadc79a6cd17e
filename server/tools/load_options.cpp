#include "load_options.hpp"

#include "cli_args.hpp"

namespace finsim::tools {

const char* load_usage() {
  return "usage: finsim-load --port N [--host 127.0.0.1] [--viewers 100] [--seconds 20] [--speed 10]\n"
         "                   [--session ID] [--token T] [--server-pid PID]... [--threads 1] [--settle 10]\n"
         "                   [--receive-buffer BYTES] [--viewer-port N]... [--deflate]\n"
         "\n"
         "Opens N WebSocket viewers on a running finsim-server, plays the session at the given speed\n"
         "for the given time, pauses it, and reports messages delivered per second, the delay from a\n"
         "step's publication to its arrival (median, 99th percentile; needs the server's --stamp),\n"
         "STATE_UPDATEs dropped (gaps in timesteps), how many viewers hold the final STATE_UPDATE, and\n"
         "with --server-pid the server's CPU and memory. It drives the session (pause, speed, play):\n"
         "point it at a server nobody else is using. Every viewer comes from one address: for more\n"
         "than 256 of them, start the server with a higher --max-connections-per-client. With instances\n"
         "sharing the session (--redis), --viewer-port spreads the viewers over them round robin (the\n"
         "controls still go to --port) and repeated --server-pid sums their CPU and memory. With --deflate\n"
         "the viewers offer permessage-deflate as browsers do; bytes are then counted compressed, as sent.\n";
}

Result<LoadOptions> parse_load_options(const std::vector<std::string>& args) {
  using cli::OptionSpec;
  const std::vector<OptionSpec> specs{{"host"},       {"port"},  {"viewers"},    {"seconds"},
                                      {"speed"},      {"session"}, {"token"},    {"server-pid", true, true},
                                      {"viewer-port", true, true},
                                      {"threads"},    {"settle"}, {"receive-buffer"}, {"deflate", false}, {"help", false}};
  try {
    const cli::Args a(args, specs, 0);
    LoadOptions o;
    if (a.has("help")) {
      o.help = true;
      return o;
    }
    if (!a.has("port")) throw cli::UsageError("--port is required (the server's port)");
    o.host = a.get("host").value_or(o.host);
    o.port = static_cast<int>(a.integer("port", o.port, 1, 65535));
    o.viewers = static_cast<int>(a.integer("viewers", o.viewers, 1, 100000));
    o.seconds = a.number("seconds", o.seconds, 0.5, 3600);
    o.speed = a.number("speed", o.speed, 0.1, 50);
    o.session = a.get("session").value_or("");
    o.token = a.get("token").value_or("");
    for (const std::string& pid : a.all("server-pid")) o.server_pids.push_back(static_cast<pid_t>(cli::parse_integer(pid, "--server-pid", 1, 1LL << 30)));
    for (const std::string& port : a.all("viewer-port")) o.viewer_ports.push_back(static_cast<int>(cli::parse_integer(port, "--viewer-port", 1, 65535)));
    o.threads = static_cast<int>(a.integer("threads", o.threads, 1, 16));
    o.settle_seconds = a.number("settle", o.settle_seconds, 0, 600);
    o.receive_buffer = static_cast<int>(a.integer("receive-buffer", 0, 0, 64LL << 20));
    o.deflate = a.has("deflate");
    return o;
  } catch (const cli::UsageError& e) {
    return make_error("usage", e.what());
  }
}

}  // namespace finsim::tools
