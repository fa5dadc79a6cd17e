#include "finsim/portfolio/returns_metrics.hpp"

#include <map>
#include <utility>

#include "portfolio/numeric.hpp"

namespace finsim::portfolio {

using numeric::kNaN;

std::vector<double> simple_returns(std::span<const double> prices) {
  std::vector<double> out;
  if (prices.size() < 2) return out;
  out.reserve(prices.size() - 1);
  for (std::size_t t = 1; t < prices.size(); ++t) out.push_back(prices[t] / prices[t - 1] - 1.0);
  return out;
}

std::vector<double> cum_returns(std::span<const double> returns, double starting_value) {
  std::vector<double> out(returns.size());
  double wealth = 1.0;
  for (std::size_t t = 0; t < returns.size(); ++t) {
    wealth *= 1.0 + (std::isnan(returns[t]) ? 0.0 : returns[t]);
    out[t] = starting_value == 0.0 ? wealth - 1.0 : wealth * starting_value;
  }
  return out;
}

double cum_returns_final(std::span<const double> returns, double starting_value) {
  if (returns.empty()) return kNaN;
  double wealth = 1.0;  // numpy.nanprod: NaN treated as 1 in the product of (1 + r)
  for (double r : returns)
    if (!std::isnan(r)) wealth *= 1.0 + r;
  return starting_value == 0.0 ? wealth - 1.0 : wealth * starting_value;
}

double annual_return(std::span<const double> returns, Period period) {
  if (returns.empty()) return kNaN;
  const double years = static_cast<double>(returns.size()) / annualization_factor(period);
  const double ending = cum_returns_final(returns, 1.0);
  return numeric::pow_nonneg(ending, 1.0 / years) - 1.0;
}

double cagr(std::span<const double> returns, Period period) { return annual_return(returns, period); }

double annual_volatility(std::span<const double> returns, Period period) {
  if (returns.size() < 2) return kNaN;
  return numeric::nanstd(returns, 1) * std::sqrt(annualization_factor(period));
}

std::vector<GroupReturn> aggregate_returns(std::span<const double> returns, std::span<const Date> dates,
                                           Period convert_to) {
  std::map<std::pair<int, int>, double> wealth;  // ordered by key, as pandas' groupby
  for (std::size_t t = 0; t < returns.size() && t < dates.size(); ++t) {
    const CivilDate c = civil_from_date(dates[t]);
    int group = 0;
    switch (convert_to.kind) {
      case PeriodKind::daily:
      case PeriodKind::intraday: group = dates[t].days; break;
      case PeriodKind::weekly: group = iso_week(dates[t]); break;
      case PeriodKind::monthly: group = c.month; break;
      case PeriodKind::quarterly: group = (c.month + 2) / 3; break;
      case PeriodKind::yearly: group = 0; break;
    }
    auto [it, inserted] = wealth.try_emplace({c.year, group}, 1.0);
    it->second *= 1.0 + (std::isnan(returns[t]) ? 0.0 : returns[t]);
  }
  std::vector<GroupReturn> out;
  out.reserve(wealth.size());
  for (const auto& [key, w] : wealth) out.push_back({key.first, key.second, w - 1.0});
  return out;
}

double period_return(std::span<const double> returns, std::span<const Date> dates, Date from, Date to) {
  double wealth = 1.0;
  for (std::size_t t = 0; t < returns.size() && t < dates.size(); ++t)
    if (dates[t] >= from && dates[t] <= to && !std::isnan(returns[t])) wealth *= 1.0 + returns[t];
  return wealth - 1.0;
}

double year_to_date_return(std::span<const double> returns, std::span<const Date> dates) {
  const std::size_t n = std::min(returns.size(), dates.size());
  if (n == 0) return kNaN;
  const int year = civil_from_date(dates[n - 1]).year;
  return period_return(returns.first(n), dates.first(n), date_from_civil(year, 1, 1), dates[n - 1]);
}

}  // namespace finsim::portfolio
