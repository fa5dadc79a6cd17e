#include "finsim/portfolio/periods.hpp"

#include <algorithm>

namespace finsim::portfolio {

double annualization_factor(Period period) {
  switch (period.kind) {
    case PeriodKind::daily: return 252.0;
    case PeriodKind::weekly: return 52.0;
    case PeriodKind::monthly: return 12.0;
    case PeriodKind::quarterly: return 4.0;
    case PeriodKind::yearly: return 1.0;
    case PeriodKind::intraday: return 252.0 * period.bars_per_day;
  }
  return 252.0;
}

double bars_per_day(std::span<const Date> dates) {
  std::vector<std::size_t> counts;
  for (std::size_t t = 0; t < dates.size(); ++t) {
    if (t == 0 || dates[t].days != dates[t - 1].days) counts.push_back(0);
    ++counts.back();
  }
  if (counts.empty()) return 1.0;
  std::nth_element(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(counts.size() / 2), counts.end());
  return static_cast<double>(counts[counts.size() / 2]);
}

Period period_of(std::span<const Date> dates, Period stated) {
  if (stated != Period::daily) return stated;
  for (const Date& d : dates)
    if (d.has_time()) return Period::intraday(bars_per_day(dates));
  return stated;
}

std::string_view period_name(Period period) {
  switch (period.kind) {
    case PeriodKind::daily: return "daily";
    case PeriodKind::weekly: return "weekly";
    case PeriodKind::monthly: return "monthly";
    case PeriodKind::quarterly: return "quarterly";
    case PeriodKind::yearly: return "yearly";
    case PeriodKind::intraday: return "intraday";
  }
  return "daily";
}

std::optional<Period> parse_period(std::string_view text) {
  for (Period p : {Period::daily, Period::weekly, Period::monthly, Period::quarterly, Period::yearly})
    if (text == period_name(p)) return p;
  return std::nullopt;
}

}  // namespace finsim::portfolio
