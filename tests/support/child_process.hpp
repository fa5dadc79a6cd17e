// Runs a program as a child process with given standard input and captures its outputs: the way CLI
// and server tests exercise the real binaries.
#pragma once

#include <string>
#include <vector>

namespace finsim::test {

struct ProcessResult {
  int exit_code = -1;  ///< exit status, or 128 + signal number
  std::string out;
  std::string err;
};

/// Runs `argv[0]` (a path) with `argv`, feeding `input` on stdin; waits for it to finish.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = "");

}  // namespace finsim::test
