// CPU time and memory of a process, read from /proc/<pid> (Linux). Thread-safe.
#pragma once

#include <optional>
#include <sys/types.h>

namespace finsim::tools {

struct ProcessUsage {
  double cpu_seconds = 0.0;  ///< user + system time since the process started
  double rss_mb = 0.0;       ///< resident memory now (VmRSS)
  double peak_rss_mb = 0.0;  ///< highest resident memory so far (VmHWM)
};

/// nullopt when /proc/<pid> cannot be read (no such process).
std::optional<ProcessUsage> process_usage(pid_t pid);

}  // namespace finsim::tools
