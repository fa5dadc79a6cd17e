// libFuzzer target: the session as a state machine. The input is a sequence of controls — three bytes
// each: which control, and two parameters mapped onto values it takes (a bank of the network, a step
// up to the current one, an amount, a policy, a scenario) — applied to one small session, interleaved
// with timer steps. Whatever the sequence: no crash, every answer and message well-formed JSON, the step
// never moving but by one step, a rewind or a reset; and at the end the property that branches, rewinds
// and fan-out takeovers rest on — Session::create(replay_body()) rebuilds the run exactly: the same
// state and metrics now, the same messages for the next steps (docs/model.md §10, docs/deploy.md).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "finsim/session.hpp"

namespace {

constexpr int kBanks = 24;
constexpr int kMaxSteps = 120;  // a sequence that would run longer stops there (slow, not a bug)
constexpr std::size_t kMaxControls = 48;

const char* const kPolicies[] = {"heuristic", "all_lend", "all_hoard", "all_fire_sale", "all_hold", "random",
                                 "heuristic+no_hoard"};
const char* const kScenarios[] = {"calm", "liquidity_freeze", "fire_sale_spiral", "core_default", "gai_kapadia"};
const char* const kActions[] = {"HOLD", "LEND", "HOARD", "FIRE_SALE"};

template <class T, std::size_t N>
const T& pick(const T (&values)[N], std::uint8_t byte) {
  return values[byte % N];
}

void check_messages(const std::vector<std::string>& messages) {
  for (const std::string& m : messages)
    if (!nlohmann::json::accept(m)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto made = finsim::Session::create(nlohmann::json{{"banks", kBanks}, {"seed", 5}});
  if (!made.ok()) __builtin_trap();
  finsim::Session session = std::move(made).value();
  int banks = kBanks;
  for (std::size_t at = 0, n = 0; at + 3 <= size && n < kMaxControls; at += 3, ++n) {
    const std::uint8_t op = data[at], p = data[at + 1], q = data[at + 2];
    const int step = session.simulation().timestep();
    if (step >= kMaxSteps) break;
    std::string name;
    nlohmann::json body = nlohmann::json::object();
    switch (op % 10) {
      case 0: name = "step"; break;
      case 1: check_messages(session.advance()); continue;  // the timer's tick
      case 2: name = "rewind"; body["step"] = p % (step + 1); break;
      case 3: name = "force_default"; body["bank"] = p % banks; break;
      case 4: name = "inject_liquidity"; body = {{"bank", p % banks}, {"amount", 1 + q % 50}}; break;
      case 5: name = "price_shock"; body["share"] = (p % 60) / 100.0; break;
      case 6: name = "force_action"; body = {{"bank", p % banks}, {"action", pick(kActions, q)}}; break;
      case 7: name = "policy"; body["policy"] = pick(kPolicies, p); break;
      case 8: name = q % 2 ? "play" : "pause"; break;
      default: {
        name = "reset";
        banks = 12 + p % 20;
        body = {{"scenario", pick(kScenarios, p)}, {"seed", q}, {"banks", banks}, {"to_step", q % 12}};
        if (q % 3 == 0)  // with a control replayed into it
          body["at"] = {{{"step", 1 + p % 8}, {"control", {{"control", "inject_liquidity"}, {"bank", q % banks}, {"amount", 5}}}}};
      }
    }
    auto outcome = session.control(name, body);
    if (!outcome.ok()) continue;  // refused (a failed bank, stepping while running): nothing changed
    if (!outcome->status.is_object()) __builtin_trap();
    check_messages(outcome->messages);
    const int now = session.simulation().timestep();
    const bool moved_back = name == "rewind" || name == "reset";
    if (!moved_back && now != step && now != step + 1) __builtin_trap();
  }
  // The run rebuilt from its replay body is this run, now and on.
  auto rebuilt = finsim::Session::create(session.replay_body());
  if (!rebuilt.ok()) __builtin_trap();
  if (rebuilt->snapshot() != session.snapshot()) __builtin_trap();
  for (int t = 0; t < 3; ++t)
    if (rebuilt->advance() != session.advance()) __builtin_trap();
  return 0;
}
