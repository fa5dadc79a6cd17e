#include "proc_usage.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace finsim::tools {

std::optional<ProcessUsage> process_usage(pid_t pid) {
  const std::string dir = "/proc/" + std::to_string(pid);
  std::ifstream stat(dir + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return std::nullopt;
  // Fields after the command name (which may hold spaces, hence the last ')'): utime is field 14,
  // stime field 15, counting from 1 at the pid.
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) stime = std::stoull(field);
  }
  ProcessUsage u;
  u.cpu_seconds = static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  std::ifstream status(dir + "/status");
  while (std::getline(status, line)) {
    auto kb = [&line] { return std::stod(line.substr(line.find(':') + 1)) / 1024.0; };
    if (line.rfind("VmRSS:", 0) == 0) u.rss_mb = kb();
    if (line.rfind("VmHWM:", 0) == 0) u.peak_rss_mb = kb();
  }
  return u;
}

}  // namespace finsim::tools
