#include "policy_arg.hpp"

#include "cli_args.hpp"
#include "finsim/learning/learned_policy.hpp"
#include "finsim/policy_modifiers.hpp"

namespace finsim::cli {
namespace {

// "dir/p.json+no_hoard" → {"dir/p.json", "+no_hoard"}; anything else → {arg, ""}.
std::pair<std::string, std::string> split_file_modifiers(const std::string& arg) {
  const auto at = arg.find(".json+");
  if (at == std::string::npos) return {arg, ""};
  return {arg.substr(0, at + 5), arg.substr(at + 5)};
}

}  // namespace

bool is_policy_file(const std::string& arg) {
  const std::string file = split_file_modifiers(arg).first;
  return file.size() > 5 && file.compare(file.size() - 5, 5, ".json") == 0;
}

PolicyMaker policy_maker(const std::string& arg) {
  if (is_policy_file(arg)) {
    const auto [file, suffix] = split_file_modifiers(arg);
    PolicyModifiers modifiers;
    if (!suffix.empty()) {
      auto parsed = parse_policy_name("file" + suffix);
      if (!parsed.ok()) throw UsageError(arg + ": " + parsed.error().message);
      modifiers = parsed->modifiers;
    }
    auto spec = learning::parse_policy(read_input(file));
    if (!spec.ok()) throw UsageError(file + ": " + spec.error().message);
    auto shared = std::make_shared<const learning::PolicySpec>(std::move(spec).value());
    if (auto probe = learning::make_learned_policy(shared, shared->name); !probe.ok())
      throw UsageError(file + ": " + probe.error().message);
    return [shared, modifiers] {
      return with_modifiers(std::move(learning::make_learned_policy(shared, shared->name)).value(), modifiers);
    };
  }
  if (auto probe = make_policy(arg); !probe.ok() || !probe.value()) {
    throw UsageError(probe.ok() ? "policy '" + arg + "' could not be built" : probe.error().message);
  }
  return [arg] { return std::move(make_policy(arg)).value(); };
}

void register_policy_files(const std::vector<ScheduledControl>& controls) {
  for (const ScheduledControl& c : controls) {
    if (c.intervention.kind != Intervention::Kind::policy || !is_policy_file(c.intervention.policy)) continue;
    const std::string file = split_file_modifiers(c.intervention.policy).first;
    register_policy(file, policy_maker(file));
  }
}

}  // namespace finsim::cli
