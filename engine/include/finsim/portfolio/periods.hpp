// Periodicity of a returns series and per-period rates, as in empyrical (empyrical/periods.py).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "finsim/portfolio/date.hpp"

namespace finsim::portfolio {

enum class PeriodKind : std::uint8_t { daily, weekly, monthly, quarterly, yearly, intraday };

/// How often a series is sampled: one of empyrical's periods, or intraday bars, `bars_per_day` of them in
/// a trading day (only intraday reads it).
struct Period {
  PeriodKind kind = PeriodKind::daily;
  double bars_per_day = 1.0;

  static const Period daily, weekly, monthly, quarterly, yearly;
  static constexpr Period intraday(double bars_per_day) { return Period{PeriodKind::intraday, bars_per_day}; }
  friend constexpr bool operator==(const Period&, const Period&) = default;
};
inline constexpr Period Period::daily{PeriodKind::daily};
inline constexpr Period Period::weekly{PeriodKind::weekly};
inline constexpr Period Period::monthly{PeriodKind::monthly};
inline constexpr Period Period::quarterly{PeriodKind::quarterly};
inline constexpr Period Period::yearly{PeriodKind::yearly};

/// Periods per year: daily 252, weekly 52, monthly 12, quarterly 4, yearly 1 (empyrical's
/// ANNUALIZATION_FACTORS; 252 trading days a year); intraday 252 × bars_per_day.
double annualization_factor(Period period);

/// The bars of a typical day of `dates` (ascending): the median of the numbers of dates on each distinct
/// day (the upper one of an even count), so a partial first or last day, a half day or a window cut
/// inside a day does not move it; 1 for no dates.
double bars_per_day(std::span<const Date> dates);

/// The period of a dated series said to be `stated`: intraday when `stated` is daily and a date carries
/// a time of day, with bars_per_day(dates); `stated` otherwise. So a NAV history of intraday bars is
/// annualised by its bars per year, not as if each bar were a day. A caller that has the market's panel
/// states its period instead (PricePanel::period): a window of a few bars cannot tell a day's length.
Period period_of(std::span<const Date> dates, Period stated = Period::daily);

/// "daily", "weekly", "monthly", "quarterly", "yearly", "intraday".
std::string_view period_name(Period period);
/// One of the five fixed periods by name (intraday needs its bars per day, so it is not one).
std::optional<Period> parse_period(std::string_view text);

/// A rate per period (a risk-free rate or a required return): one constant, or one value per period
/// aligned with a returns series (empyrical accepts both). Borrows the series; it must outlive this.
class PerPeriodRate {
 public:
  PerPeriodRate(double constant = 0.0) : constant_(constant) {}                     // NOLINT(implicit)
  PerPeriodRate(std::span<const double> series) : series_(series), is_series_(true) {}  // NOLINT(implicit)
  PerPeriodRate(const std::vector<double>& series) : series_(series), is_series_(true) {}  // NOLINT(implicit)

  /// The rate of period i; NaN past the end of a series.
  [[nodiscard]] double at(std::size_t i) const {
    if (!is_series_) return constant_;
    return i < series_.size() ? series_[i] : std::numeric_limits<double>::quiet_NaN();
  }
  [[nodiscard]] bool is_series() const { return is_series_; }

 private:
  double constant_ = 0.0;
  std::span<const double> series_;
  bool is_series_ = false;
};

}  // namespace finsim::portfolio
