// Running the real `finsim` binary from tests.
#pragma once

#include <string>
#include <vector>

#include "child_process.hpp"
#include "test_paths.hpp"

namespace finsim::test {

inline ProcessResult run_finsim(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), binary_dir() + "/cli/finsim");
  return run_process(args, input);
}

/// A usage error: exit code 2, nothing on stdout, exactly one line on stderr.
inline bool is_clean_failure(const ProcessResult& r) {
  return r.exit_code == 2 && r.out.empty() && !r.err.empty() && r.err.find('\n') == r.err.size() - 1;
}

}  // namespace finsim::test
