// libFuzzer target: the portfolio API's JSON body parsers in the engine — orders, signals, sizing rules
// and fee structures (byte 0 picks one; the rest is the body's text, parsed with the same depth bound
// as the server). Whatever they accept must also serialise back and pass its own validation.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "finsim/json_depth.hpp"
#include "finsim/portfolio/fees.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "finsim/portfolio/signal.hpp"

using namespace finsim::portfolio;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (!finsim::json_depth_within(text)) return 0;
  const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) return 0;
  switch (data[0] % 4) {
    case 0:
      if (auto o = order_from_json(j); o.ok()) (void)order_to_json(*o).dump();
      break;
    case 1:
      if (auto s = signal_from_json(j); s.ok()) {
        (void)validate_signal(*s);
        (void)signal_to_json(*s).dump();
      }
      break;
    case 2:
      if (auto r = sizing_rule_from_json(j); r.ok()) (void)sizing_rule_to_json(*r).dump();
      break;
    default:
      if (auto f = fee_schedule_from_json(j); f.ok()) {
        if (!validate_fee_schedule(*f).ok()) __builtin_trap();  // accepted means valid
        (void)fee_schedule_to_json(*f).dump();
        (void)preview_fee(*f, Side::buy, 10.0, 100.0);
      }
  }
  return 0;
}
