// finsim: the engine from the command line. Exit codes: 0 success, 2 bad arguments or input, 1 internal error.
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli_args.hpp"
#include "commands.hpp"

namespace {

void print_help() {
  std::cout << "finsim: the FinSim financial network engine from the command line\n\n"
               "usage: finsim COMMAND [OPTIONS]   (finsim COMMAND --help for details)\n\ncommands:\n";
  for (const auto& c : finsim::cli::commands()) {
    std::string name = c.name;
    name.resize(12, ' ');
    std::cout << "  " << name << c.summary << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_help();
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help();
    return 0;
  }
  for (const auto& c : finsim::cli::commands()) {
    if (args[0] != c.name) continue;
    std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const auto& a : rest)
      if (a == "--help" || a == "-h") {
        std::cout << c.usage;
        return 0;
      }
    try {
      return c.run(rest);
    } catch (const finsim::cli::UsageError& e) {
      std::cerr << "finsim " << c.name << ": " << e.what() << "\n";
      return 2;
    } catch (const std::exception& e) {
      std::cerr << "finsim " << c.name << ": internal error: " << e.what() << "\n";
      return 1;
    }
  }
  std::cerr << "finsim: unknown command '" << args[0] << "' (finsim --help lists them)\n";
  return 2;
}
