#include "policy_arg.hpp"

#include "cli_args.hpp"
#include "finsim/learning/learned_policy.hpp"

namespace finsim::cli {

bool is_policy_file(const std::string& arg) {
  return arg.size() > 5 && arg.compare(arg.size() - 5, 5, ".json") == 0;
}

PolicyMaker policy_maker(const std::string& arg) {
  if (is_policy_file(arg)) {
    auto spec = learning::parse_policy(read_input(arg));
    if (!spec.ok()) throw UsageError(arg + ": " + spec.error().message);
    auto shared = std::make_shared<const learning::PolicySpec>(std::move(spec).value());
    if (auto probe = learning::make_learned_policy(shared, shared->name); !probe.ok())
      throw UsageError(arg + ": " + probe.error().message);
    return [shared] { return std::move(learning::make_learned_policy(shared, shared->name)).value(); };
  }
  if (auto probe = make_policy(arg); !probe.ok() || !probe.value()) {
    throw UsageError(probe.ok() ? "policy '" + arg + "' could not be built" : probe.error().message);
  }
  return [arg] { return std::move(make_policy(arg)).value(); };
}

}  // namespace finsim::cli
