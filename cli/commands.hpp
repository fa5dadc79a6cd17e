// The `finsim` commands. Each takes its arguments (after the command name), writes its result to
// stdout, and returns the exit code; usage errors are thrown as UsageError (exit code 2).
#pragma once

#include <span>
#include <string>
#include <vector>

namespace finsim::cli {

struct Command {
  const char* name;
  const char* summary;
  const char* usage;  ///< printed by `finsim NAME --help`
  int (*run)(const std::vector<std::string>& args);
};

/// Every command, in help order.
std::span<const Command> commands();

int run_command(const std::vector<std::string>& args);
int why_command(const std::vector<std::string>& args);
int scenarios_command(const std::vector<std::string>& args);
int clear_command(const std::vector<std::string>& args);
int debtrank_command(const std::vector<std::string>& args);
int sweep_command(const std::vector<std::string>& args);
int bench_command(const std::vector<std::string>& args);
int train_command(const std::vector<std::string>& args);
int eval_command(const std::vector<std::string>& args);
int lessons_command(const std::vector<std::string>& args);
int metrics_command(const std::vector<std::string>& args);
int backtest_command(const std::vector<std::string>& args);

}  // namespace finsim::cli
