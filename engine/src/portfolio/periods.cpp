#include "finsim/portfolio/periods.hpp"

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

Period period_of(std::span<const Date> dates, Period stated) {
  if (stated != Period::daily) return stated;
  std::size_t days = 0;
  bool timed = false;
  for (std::size_t t = 0; t < dates.size(); ++t) {
    timed = timed || dates[t].has_time();
    if (t == 0 || dates[t].days != dates[t - 1].days) ++days;
  }
  if (!timed) return stated;
  return Period::intraday(static_cast<double>(dates.size()) / static_cast<double>(days));
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
