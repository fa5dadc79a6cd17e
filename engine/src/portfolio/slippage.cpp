#include "finsim/portfolio/slippage.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/json_fields.hpp"
#include "finsim/portfolio/money.hpp"

namespace finsim::portfolio {
namespace {

Error bad(std::string m) { return make_error("bad_slippage", std::move(m)); }

bool in(double x, double lo, double hi) { return std::isfinite(x) && x >= lo && x <= hi; }

// The sample standard deviation of the last `window` log returns between known closes before `bar`
// (Welford's running mean and sum of squares, walking back; no allocation: it runs at every fill).
std::optional<double> daily_sigma(const PricePanel& panel, std::size_t asset, std::size_t bar, std::size_t window) {
  double later = std::nan("");
  std::size_t n = 0;
  double mean = 0.0, ss = 0.0;
  for (std::size_t b = bar; b-- > 0 && n < window;) {
    const double c = panel.close(b, asset);
    if (std::isnan(c)) continue;
    if (!std::isnan(later)) {
      const double r = std::log(later / c);
      ++n;
      const double delta = r - mean;
      mean += delta / static_cast<double>(n);
      ss += delta * (r - mean);
    }
    later = c;
  }
  if (n < 2) return std::nullopt;
  return std::sqrt(ss / static_cast<double>(n - 1));
}

// The mean of the known volumes of the last `window` bars before `bar`.
std::optional<double> average_volume(const PricePanel& panel, std::size_t asset, std::size_t bar, std::size_t window) {
  double sum = 0.0;
  std::size_t known = 0;
  for (std::size_t b = bar; b-- > 0 && bar - b <= window;) {
    const double v = panel.volume(b, asset);
    if (std::isnan(v)) continue;
    sum += v;
    ++known;
  }
  if (!known) return std::nullopt;
  return sum / static_cast<double>(known);
}

}  // namespace

std::string_view slippage_kind_name(SlippageKind kind) {
  switch (kind) {
    case SlippageKind::none: return "none";
    case SlippageKind::fixed_bps: return "fixed_bps";
    case SlippageKind::volatility: return "volatility";
    case SlippageKind::square_root: return "square_root";
  }
  return "none";
}

double slippage_cost(double price, double reference, double quantity) {
  return round_to_cents(std::abs(price - reference) * quantity);
}

Status validate_slippage(const SlippageModel& m) {
  if (!in(m.spread_bps, 0.0, 1000.0)) return bad("spread_bps must be a number from 0 to 1000 (basis points)");
  if (!in(m.bps, 0.0, 1000.0)) return bad("bps must be a number from 0 to 1000 (basis points)");
  if (!in(m.k, 0.0, 10.0)) return bad("k must be a number from 0 to 10 (a share of the volatility of one bar's returns)");
  if (!in(m.impact, 0.0, 10.0)) return bad("impact must be a number from 0 to 10");
  if (m.window < 2 || m.window > 250) return bad("window must be a whole number of bars from 2 to 250");
  const auto unused = [&](double value, const char* name, const char* reader) -> Status {
    if (value != 0.0) return bad(std::string(name) + " is read only by the " + reader + " model");
    return {};
  };
  if (m.kind != SlippageKind::fixed_bps)
    if (Status s = unused(m.bps, "bps", "fixed_bps"); !s.ok()) return s;
  if (m.kind != SlippageKind::volatility)
    if (Status s = unused(m.k, "k", "volatility"); !s.ok()) return s;
  if (m.kind != SlippageKind::square_root)
    if (Status s = unused(m.impact, "impact", "square_root"); !s.ok()) return s;
  return {};
}

Result<SlippageQuote> quote_slippage(const SlippageModel& m, const PricePanel& panel, std::size_t asset,
                                     std::size_t bar, Side side, double quantity, double close) {
  SlippageQuote q;
  q.price = close;
  if (!charges_slippage(m)) return q;
  double rate = m.spread_bps / 2.0 / 1e4;
  const std::string& ticker = panel.asset(asset).ticker;
  if (m.kind == SlippageKind::fixed_bps) rate += m.bps / 1e4;
  if (m.kind == SlippageKind::volatility || m.kind == SlippageKind::square_root) {
    const auto sigma = daily_sigma(panel, asset, bar, m.window);
    if (!sigma)
      return make_error("no_history", "the " + std::string(slippage_kind_name(m.kind)) + " slippage model needs " +
                                          ticker + "'s volatility: at least 2 returns (bars) before the fill");
    q.sigma = *sigma;
    if (m.kind == SlippageKind::volatility) rate += m.k * q.sigma;
  }
  if (m.kind == SlippageKind::square_root) {
    const auto volume = average_volume(panel, asset, bar, m.window);
    if (!volume || !(*volume > 0.0))
      return make_error("no_volume", "the square_root slippage model needs " + ticker +
                                         "'s traded volume, and the market has none before the fill");
    q.volume = *volume;
    q.participation = quantity / q.volume;
    rate += m.impact * q.sigma * std::sqrt(q.participation);
  }
  if (!(rate < kMaxSlippageRate))
    return make_error("too_large_for_market",
                      "the order's estimated cost is " + std::to_string(static_cast<int>(std::lround(rate * 100.0))) +
                          " % of the close (" + std::string(slippage_kind_name(m.kind)) +
                          " model): too large for this market's trading");
  q.rate = rate;
  q.price = side == Side::buy ? close * (1.0 + rate) : close * (1.0 - rate);
  return q;
}

Status check_slippage_market(const SlippageModel& model, const PricePanel& panel) {
  if (model.kind == SlippageKind::square_root && !panel.has_volumes())
    return make_error("no_volume", "the square_root slippage model needs traded volumes, and this market has none");
  return {};
}

Result<SlippageModel> slippage_from_json(const nlohmann::json& j) {
  JsonFields f(j, "slippage", "bad_slippage", {"model", "spread_bps", "bps", "k", "impact", "window"});
  SlippageModel m;
  const std::string kind = f.text("model", "none");
  m.spread_bps = f.number("spread_bps", 0.0);
  m.bps = f.number("bps", 0.0);
  m.k = f.number("k", 0.0);
  m.impact = f.number("impact", 0.0);
  const double window = f.number("window", 20.0);
  if (!f.ok()) return f.error();
  if (kind == "none") m.kind = SlippageKind::none;
  else if (kind == "fixed_bps") m.kind = SlippageKind::fixed_bps;
  else if (kind == "volatility") m.kind = SlippageKind::volatility;
  else if (kind == "square_root") m.kind = SlippageKind::square_root;
  else return bad("unknown slippage model \"" + kind + "\" (none, fixed_bps, volatility, square_root)");
  if (!(window >= 2.0 && window <= 250.0 && std::floor(window) == window))
    return bad("window must be a whole number of bars from 2 to 250");
  // Like bps, k and impact: a figure the model does not read is refused, not dropped (it would not come
  // back from slippage_to_json).
  if (f.has("window") && m.kind != SlippageKind::volatility && m.kind != SlippageKind::square_root)
    return bad("window is read only by the volatility and square_root models");
  m.window = static_cast<std::size_t>(window);
  if (Status s = validate_slippage(m); !s.ok()) return s.error();
  return m;
}

nlohmann::json slippage_to_json(const SlippageModel& m) {
  nlohmann::json j = {{"model", slippage_kind_name(m.kind)}, {"spread_bps", m.spread_bps}};
  if (m.kind == SlippageKind::fixed_bps) j["bps"] = m.bps;
  if (m.kind == SlippageKind::volatility) j["k"] = m.k;
  if (m.kind == SlippageKind::square_root) j["impact"] = m.impact;
  if (m.kind == SlippageKind::volatility || m.kind == SlippageKind::square_root) j["window"] = m.window;
  return j;
}

}  // namespace finsim::portfolio
