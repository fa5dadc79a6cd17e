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
#include "finsim/portfolio/bracket.hpp"
#include "finsim/portfolio/order_trigger.hpp"

using namespace finsim::portfolio;

namespace {

/// One asset over 30 bars, volumes missing on some: where accepted bodies are priced and executed.
const PricePanel& small_market() {
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
  return panel;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (!finsim::json_depth_within(text)) return 0;
  const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) return 0;
  switch (data[0] % 5) {
    case 0:
      if (auto o = order_from_json(j); o.ok()) {
        // What it prints reads back as the same order (risk orders' prices included).
        auto again = order_from_json(order_to_json(*o));
        if (!again.ok() || again->type != o->type || again->stop_price != o->stop_price ||
            again->trail_percent != o->trail_percent || again->good_until != o->good_until)
          __builtin_trap();
        // Executed on a small market, with or without holdings, and bracketed: an outcome or a refusal.
        const PricePanel& panel = small_market();
        PortfolioState state = open_portfolio(panel, 1e6);
        if (auto f = price_fill(state, 0, Side::buy, SizeKind::quantity, 50, 0, 100, panel.date(0), {}, {}, {}); f.ok())
          apply_fill(state, *f);
        o->placed = Date{o->placed.days % 40 + 17990};
        if (auto e = execute_order(state, *o, panel, {}, {}); e.ok() && e->fill && !(e->fill->price > 0.0)) __builtin_trap();
        if (o->ticker == "AAA") (void)stop_level(*o, panel, 0);
        const BracketPrices prices{o->limit_price, o->stop_price};
        if (validate_bracket(*o, prices).ok())
          for (Order& exit : bracket_exits(*o, prices))
            if (!validate_order(exit, state, panel, {}).ok() && exit.ticker == "AAA" && std::isfinite(exit.size) &&
                exit.size > 0 && exit.size <= kMaxOrderSize && exit.side == Side::buy)
              __builtin_trap();  // a valid bracket's buy exits are valid orders
      }
      break;
    case 1:
      if (auto s = signal_from_json(j); s.ok()) {
        (void)validate_signal(*s);
        (void)signal_to_json(*s).dump();
      }
      break;
    case 2:
      if (auto r = sizing_rule_from_json(j); r.ok()) (void)sizing_rule_to_json(*r).dump();
      if (auto x = risk_exits_from_json(j); x.ok() && !validate_risk_exits(*x).ok()) __builtin_trap();
      break;
    case 4:
      if (auto m = slippage_from_json(j); m.ok()) {
        if (!validate_slippage(*m).ok()) __builtin_trap();  // accepted means valid
        auto again = slippage_from_json(slippage_to_json(*m));
        if (!again.ok() || again->kind != m->kind || again->window != m->window) __builtin_trap();
        // Priced on a small market, at any size the body's numbers give: a price or a refusal, never a crash.
        const PricePanel& panel = small_market();
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
