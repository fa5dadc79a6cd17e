#include "finsim/portfolio/periods.hpp"

namespace finsim::portfolio {

double annualization_factor(Period period) {
  switch (period) {
    case Period::daily: return 252.0;
    case Period::weekly: return 52.0;
    case Period::monthly: return 12.0;
    case Period::quarterly: return 4.0;
    case Period::yearly: return 1.0;
  }
  return 252.0;
}

std::string_view period_name(Period period) {
  switch (period) {
    case Period::daily: return "daily";
    case Period::weekly: return "weekly";
    case Period::monthly: return "monthly";
    case Period::quarterly: return "quarterly";
    case Period::yearly: return "yearly";
  }
  return "daily";
}

std::optional<Period> parse_period(std::string_view text) {
  for (Period p : {Period::daily, Period::weekly, Period::monthly, Period::quarterly, Period::yearly})
    if (text == period_name(p)) return p;
  return std::nullopt;
}

}  // namespace finsim::portfolio
