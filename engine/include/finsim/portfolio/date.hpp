// Calendar days for bars, orders and signals.
//
// The portfolio engine works on daily bars. A Date is a day of the proleptic Gregorian calendar counted
// from 1970-01-01; it carries no time of day and no time zone. The server maps wall-clock timestamps to
// the date of the trading day they fall on.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace finsim::portfolio {

/// A calendar day: `days` since 1970-01-01 (negative before). Totally ordered; cheap to copy.
struct Date {
  std::int32_t days = 0;
  friend constexpr auto operator<=>(Date, Date) = default;
};

struct CivilDate {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
};

/// True when (year, month, day) names a real day (year in 1..9999).
bool is_valid_civil(int year, int month, int day);

/// The Date of a valid civil day (see is_valid_civil; other input gives an unspecified Date).
/// Hinnant, "chrono-Compatible Low-Level Date Algorithms" (2013), days_from_civil.
Date date_from_civil(int year, int month, int day);

/// The civil day of a Date (Hinnant 2013, civil_from_days).
CivilDate civil_from_date(Date date);

/// ISO 8601 weekday: 1 = Monday … 7 = Sunday.
int iso_weekday(Date date);

/// ISO 8601 week number, 1..53 (the week containing the year's first Thursday is week 1).
int iso_week(Date date);

/// Parses "YYYY-MM-DD", "YYYY/MM/DD" or "M/D/YYYY" (US order, as in the shared AAPL/MSFT/C file;
/// one or two digits for month and day). Surrounding spaces are ignored. Empty when not a real day.
std::optional<Date> parse_date(std::string_view text);

/// "YYYY-MM-DD".
std::string format_date(Date date);

}  // namespace finsim::portfolio
