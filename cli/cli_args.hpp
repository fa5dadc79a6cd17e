// Command-line parsing shared by every `finsim` command.
//
// Options are `--name value` or `--name=value`; flags are `--name`. A UsageError carries the one line
// printed on stderr before exiting with code 2.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace finsim::cli {

/// The largest seed: 2^53 - 1, exact in JSON numbers and JavaScript.
inline constexpr long long kMaxSeed = (1LL << 53) - 1;

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;       ///< without the leading dashes
  bool takes_value = true;
  bool repeatable = false;
};

class Args {
 public:
  /// Parses argv (after the command name). Throws UsageError on unknown options, missing values,
  /// repeated non-repeatable options, or more positional arguments than `max_positional`.
  Args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs, std::size_t max_positional);

  [[nodiscard]] bool has(const std::string& name) const;
  [[nodiscard]] std::optional<std::string> get(const std::string& name) const;
  [[nodiscard]] std::vector<std::string> all(const std::string& name) const;
  [[nodiscard]] const std::vector<std::string>& positional() const { return positional_; }

  /// The option as an integer in [lo, hi], or `fallback` when absent. Throws UsageError naming it.
  [[nodiscard]] long long integer(const std::string& name, long long fallback, long long lo, long long hi) const;
  /// The option as a finite number in [lo, hi], or `fallback` when absent.
  [[nodiscard]] double number(const std::string& name, double fallback, double lo, double hi) const;

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

/// Parses a whole decimal integer in [lo, hi]; throws UsageError mentioning `what`.
long long parse_integer(const std::string& text, const std::string& what, long long lo, long long hi);
/// Parses a finite number in [lo, hi]; throws UsageError mentioning `what`.
double parse_number(const std::string& text, const std::string& what, double lo, double hi);

/// The non-empty items of a comma-separated list ("a,,b" → a, b), as list options take them.
std::vector<std::string> split_list(const std::string& text);

/// "A..B" (inclusive, A <= B, at most 100,000 seeds, each 0 .. 2^53-1) or a single seed "A", as --seeds.
std::pair<std::uint64_t, std::uint64_t> parse_seed_range(const std::string& text);

/// Reads FILE, or standard input when `path` is empty or "-". Throws UsageError if unreadable.
std::string read_input(const std::string& path);

}  // namespace finsim::cli
