// libFuzzer target: the portfolio API's JSON body parsers in the engine — orders, signals, sizing rules,
// fee structures and slippage models (byte 0 picks one; the rest is the body's text, parsed with the same depth bound
// as the server). Whatever they accept must also serialise back and pass its own validation.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "finsim/json_depth.hpp"
#include "finsim/portfolio/fees.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "finsim/portfolio/signal.hpp"
#include "finsim/portfolio/slippage.hpp"

using namespace finsim::portfolio;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (!finsim::json_depth_within(text)) return 0;
  const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) return 0;
  switch (data[0] % 5) {
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
    case 4:
      if (auto m = slippage_from_json(j); m.ok()) {
        if (!validate_slippage(*m).ok()) __builtin_trap();  // accepted means valid
        auto again = slippage_from_json(slippage_to_json(*m));
        if (!again.ok() || again->kind != m->kind || again->window != m->window) __builtin_trap();
        // Priced on a small market, at any size the body's numbers give: a price or a refusal, never a crash.
        static const PricePanel panel = [] {
          std::vector<Asset> assets = {{"AAA", AssetClass::stock, ""}};
          std::vector<Date> dates;
          std::vector<double> closes, volumes;
          for (int b = 0; b < 30; ++b) {
            dates.push_back(Date{18000 + b});
            closes.push_back(100.0 + (b % 7) * 3.0);
            volumes.push_back(b % 5 == 0 ? std::nan("") : 1000.0 * b);
          }
          return PricePanel::create(assets, dates, closes, volumes).value();
        }();
        for (std::size_t bar : {std::size_t{0}, std::size_t{2}, std::size_t{29}})
          if (auto q = quote_slippage(*m, panel, 0, bar, Side::sell, 1.0 + m->spread_bps * 100.0, 100.0); q.ok())
            if (!(q->rate >= 0.0 && q->rate < kMaxSlippageRate && q->price > 0.0)) __builtin_trap();
      }
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
