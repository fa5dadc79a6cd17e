#include "finsim/portfolio/trade_stats.hpp"

#include <cmath>
#include <limits>
#include <map>

namespace finsim::portfolio {

TradeStats trade_stats(std::span<const RoundTrip> trips) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  TradeStats s;
  double win_sum = 0.0, loss_sum = 0.0, return_sum = 0.0, bars = 0.0;
  for (const RoundTrip& t : trips) {
    ++s.trades;
    s.total_pnl += t.pnl;
    return_sum += t.return_on_entry;
    bars += static_cast<double>(t.close_bar - t.open_bar);
    if (t.pnl > 0.0) {
      ++s.wins;
      win_sum += t.pnl;
    } else if (t.pnl < 0.0) {
      ++s.losses;
      loss_sum += t.pnl;
    }
  }
  const auto n = static_cast<double>(s.trades);
  s.win_rate = s.trades ? static_cast<double>(s.wins) / n : kNaN;
  s.average_win = s.wins ? win_sum / static_cast<double>(s.wins) : kNaN;
  s.average_loss = s.losses ? loss_sum / static_cast<double>(s.losses) : kNaN;
  s.payoff_ratio = s.wins && s.losses ? s.average_win / std::fabs(s.average_loss) : kNaN;
  if (s.losses) s.profit_factor = win_sum / std::fabs(loss_sum);
  else s.profit_factor = s.wins ? std::numeric_limits<double>::infinity() : kNaN;
  s.expectancy = s.trades ? s.total_pnl / n : kNaN;
  s.average_return = s.trades ? return_sum / n : kNaN;
  s.average_holding_bars = s.trades ? bars / n : kNaN;
  return s;
}

std::vector<ModelTradeStats> trade_stats_by_model(std::span<const RoundTrip> trips) {
  std::map<std::string, std::vector<RoundTrip>> groups;
  for (const RoundTrip& t : trips) groups[t.model].push_back(t);
  std::vector<ModelTradeStats> out;
  for (const auto& [model, group] : groups) out.push_back({model, trade_stats(group)});
  return out;
}

}  // namespace finsim::portfolio
