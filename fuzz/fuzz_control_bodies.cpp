// libFuzzer target: every control body a session accepts (Session REST, worker and CLI share them).
// Input: byte 0 picks the control (Session::control_names()), the rest is the body's text. The body goes
// through Session::parse_body (bounded nesting, bad_json) and Session::control on a small session,
// which then steps; a reset asking for more than kMaxFuzzBanks banks, or to replay more than
// kMaxFuzzSteps steps (to_step), is skipped (slow, not a bug).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "finsim/session.hpp"

namespace {
constexpr int kMaxFuzzBanks = 200;
constexpr int kMaxFuzzSteps = 300;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& names = finsim::Session::control_names();
  const std::string& control = names[data[0] % names.size()];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  auto body = finsim::Session::parse_body(text);
  if (!body.ok()) return 0;
  if (body->is_object() && body->contains("banks")) {
    const auto& b = (*body)["banks"];
    if (!b.is_number() || b.get<double>() > kMaxFuzzBanks) return 0;
  }
  if (finsim::Session::replay_steps(control, *body) > kMaxFuzzSteps) return 0;
  auto session = finsim::Session::create(nlohmann::json{{"banks", 30}});
  if (!session.ok()) __builtin_trap();  // the default small session always exists
  (void)session->control(control, *body);
  for (int t = 0; t < 3; ++t) (void)session->advance();
  return 0;
}
