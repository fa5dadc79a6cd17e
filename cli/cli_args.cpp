#include "cli_args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace finsim::cli {

Args::Args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs, std::size_t max_positional) {
  auto find = [&](const std::string& name) -> const OptionSpec* {
    for (const auto& s : specs)
      if (s.name == name) return &s;
    return nullptr;
  };
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string name = a.substr(2), value;
      bool inline_value = false;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        inline_value = true;
      }
      const OptionSpec* spec = find(name);
      if (!spec) throw UsageError("unknown option --" + name + " (see --help)");
      if (spec->takes_value && !inline_value) {
        if (i + 1 >= argv.size()) throw UsageError("option --" + name + " needs a value");
        value = argv[++i];
      } else if (!spec->takes_value && inline_value) {
        throw UsageError("option --" + name + " takes no value");
      }
      auto& slot = values_[name];
      if (!slot.empty() && !spec->repeatable) throw UsageError("option --" + name + " given more than once");
      slot.push_back(value);
    } else {
      if (positional_.size() >= max_positional) throw UsageError("unexpected argument '" + a + "' (see --help)");
      positional_.push_back(a);
    }
  }
}

bool Args::has(const std::string& name) const { return values_.count(name) > 0; }

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second.front();
}

std::vector<std::string> Args::all(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

long long parse_integer(const std::string& text, const std::string& what, long long lo, long long hi) {
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE)
    throw UsageError(what + " must be a whole number, got '" + text + "'");
  if (v < lo || v > hi)
    throw UsageError(what + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return v;
}

double parse_number(const std::string& text, const std::string& what, double lo, double hi) {
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(v))
    throw UsageError(what + " must be a number, got '" + text + "'");
  if (v < lo || v > hi) {
    std::ostringstream msg;
    msg << what << " must be between " << lo << " and " << hi;
    throw UsageError(msg.str());
  }
  return v;
}

long long Args::integer(const std::string& name, long long fallback, long long lo, long long hi) const {
  auto v = get(name);
  return v ? parse_integer(*v, "--" + name, lo, hi) : fallback;
}

double Args::number(const std::string& name, double fallback, double lo, double hi) const {
  auto v = get(name);
  return v ? parse_number(*v, "--" + name, lo, hi) : fallback;
}

std::string read_input(const std::string& path) {
  if (path.empty() || path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw UsageError("cannot read " + path + ": it is a directory");
  std::ifstream file(path, std::ios::binary);
  if (!file) throw UsageError("cannot read " + path);
  try {
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (file.bad()) throw UsageError("cannot read " + path);
    return text;
  } catch (const std::ios_base::failure&) {  // libstdc++ throws from underflow on some special files
    throw UsageError("cannot read " + path);
  }
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

std::pair<std::uint64_t, std::uint64_t> parse_seed_range(const std::string& text) {
  const auto dots = text.find("..");
  const long long max = (1LL << 53) - 1;
  const long long a = parse_integer(text.substr(0, dots), "--seeds start", 0, max);
  const long long b = dots == std::string::npos ? a : parse_integer(text.substr(dots + 2), "--seeds end", 0, max);
  if (b < a) throw UsageError("--seeds A..B needs A <= B");
  if (b - a >= 100000) throw UsageError("--seeds covers at most 100000 seeds");
  return {static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b)};
}

}  // namespace finsim::cli
