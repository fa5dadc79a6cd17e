// finsim clear and finsim debtrank: one JSON problem in, one JSON answer out.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_args.hpp"
#include "commands.hpp"
#include "finsim/analysis_json.hpp"

namespace finsim::cli {
namespace {

nlohmann::json read_json(const Args& args) {
  const std::string path = args.positional().empty() ? "-" : args.positional()[0];
  const std::string text = read_input(path);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse errors, and numbers too large for a double
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    throw UsageError("bad JSON: " + what);
  }
}

}  // namespace

int clear_command(const std::vector<std::string>& argv) {
  const Args args(argv, {}, 1);
  auto input = parse_clearing_input(read_json(args));
  if (!input.ok()) throw UsageError(input.error().message);
  ClearingSolver solver;
  const ClearingResult& result = solver.solve(input->problem());
  std::cout << clearing_output(result, input->n).dump() << "\n";
  return 0;
}

int debtrank_command(const std::vector<std::string>& argv) {
  const Args args(argv, {}, 1);
  auto input = parse_debtrank_input(read_json(args));
  if (!input.ok()) throw UsageError(input.error().message);
  std::cout << debtrank_output(debtrank(*input)).dump() << "\n";
  return 0;
}

}  // namespace finsim::cli
