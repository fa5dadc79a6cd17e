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

namespace finsim::portfolio {

enum class Period : std::uint8_t { daily, weekly, monthly, quarterly, yearly };

/// Periods per year: daily 252, weekly 52, monthly 12, quarterly 4, yearly 1 (empyrical's
/// ANNUALIZATION_FACTORS; 252 trading days a year).
double annualization_factor(Period period);

/// "daily", "weekly", "monthly", "quarterly", "yearly".
std::string_view period_name(Period period);
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
