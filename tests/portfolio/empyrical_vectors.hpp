// The return series of empyrical's test suite (quantopian/empyrical 0.5.5, empyrical/tests/test_stats.py,
// class TestStats), ported as values. Percentages are divided by 100 as there.
#pragma once

#include <cmath>
#include <limits>
#include <vector>

#include "finsim/portfolio/date.hpp"

namespace empyrical_vectors {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kInf = std::numeric_limits<double>::infinity();

inline std::vector<double> pct(std::vector<double> v) {
  for (double& x : v) x /= 100.0;
  return v;
}

inline const std::vector<double> simple_benchmark = pct({0, 1, 0, 1, 0, 1, 0, 1, 0});
inline const std::vector<double> positive_returns = pct({1, 2, 1, 1, 1, 1, 1, 1, 1});
inline const std::vector<double> negative_returns = pct({0, -6, -7, -1, -9, -2, -6, -8, -5});
inline const std::vector<double> all_negative_returns = pct({-2, -6, -7, -1, -9, -2, -6, -8, -5});
inline const std::vector<double> mixed_returns = pct({kNaN, 1, 10, -4, 2, 3, 2, 1, -10});
inline const std::vector<double> flat_line_1 = pct({1, 1, 1, 1, 1, 1, 1, 1, 1});
inline const std::vector<double> weekly_returns = pct({0, 1, 10, -4, 2, 3, 2, 1, -10});
inline const std::vector<double> monthly_returns = weekly_returns;
inline const std::vector<double> one_return = pct({1});
inline const std::vector<double> empty_returns = {};
/// np.linspace(0.01, 0.01, 1000)
inline const std::vector<double> flat_line_1_tz(1000, 0.01);

/// np.linspace(a, b, 1000)
inline std::vector<double> linspace(double a, double b, int n = 1000) {
  std::vector<double> v(static_cast<std::size_t>(n));
  const double step = (b - a) / (n - 1);
  for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = a + i * step;
  v.back() = b;
  return v;
}

inline const std::vector<double> one = {-0.00171614, 0.01322056, 0.03063862, -0.01422057,
                                        -0.00489779, 0.01268925, -0.03357711, 0.01797036};
inline const std::vector<double> two = {0.01846232, 0.00793951, -0.01448395, 0.00422537,
                                        -0.00339611, 0.03756813, 0.0151531, 0.03549769};

inline std::vector<double> negate(std::vector<double> v) {
  for (double& x : v) x = -x;
  return v;
}
inline std::vector<double> tail(const std::vector<double>& v) { return {v.begin() + 1, v.end()}; }

/// pd.date_range('2000-1-30', periods=n, freq=...) for 'D', 'W' (Sundays) and 'M' (month ends).
inline std::vector<finsim::portfolio::Date> daily_dates(int n) {
  std::vector<finsim::portfolio::Date> d;
  const auto start = finsim::portfolio::date_from_civil(2000, 1, 30);
  for (int i = 0; i < n; ++i) d.push_back({start.days + i});
  return d;
}
inline std::vector<finsim::portfolio::Date> weekly_dates(int n) {
  std::vector<finsim::portfolio::Date> d;
  const auto start = finsim::portfolio::date_from_civil(2000, 1, 30);  // a Sunday
  for (int i = 0; i < n; ++i) d.push_back({start.days + 7 * i});
  return d;
}
inline std::vector<finsim::portfolio::Date> month_end_dates(int n) {
  std::vector<finsim::portfolio::Date> d;
  for (int i = 0; i < n; ++i) {
    const int month = 1 + i;  // January 2000 onwards, within one year here
    d.push_back({finsim::portfolio::date_from_civil(2000, month + 1, 1).days - 1});
  }
  return d;
}

}  // namespace empyrical_vectors
