// The times of bars, orders and signals: a calendar day and, for intraday bars, a time of day.
//
// A Date is a day of the proleptic Gregorian calendar counted from 1970-01-01 and a second of that day.
// A daily bar, and any day given without a time, is the day's close: its `second` is kEndOfDay, after
// every intraday time of the day. So an order placed on a day without a time fills at the first bar of a
// later day, as on daily data, and an order placed at an intraday bar fills at the next bar, which may be
// later the same day. Times carry no time zone: an intraday file gives the exchange's local time.
// The server maps wall-clock timestamps to the date of the trading day they fall on.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace finsim::portfolio {

/// The second that stands for a day's close (a daily bar, a day given without a time).
inline constexpr std::int32_t kEndOfDay = 86400;

/// A calendar day, `days` since 1970-01-01 (negative before), and a time of that day: `second` in
/// [0, 86400), or kEndOfDay for the day itself. Ordered by day, then time. Cheap to copy.
struct Date {
  std::int32_t days = 0;
  std::int32_t second = kEndOfDay;
  friend constexpr auto operator<=>(Date, Date) = default;
  /// True for an intraday time (not a whole day).
  [[nodiscard]] constexpr bool has_time() const { return second != kEndOfDay; }
};

/// The day itself (its close), dropping any time.
constexpr Date day_of(Date date) { return Date{date.days, kEndOfDay}; }
/// The first instant of the day: before every bar of it, intraday or daily.
constexpr Date start_of_day(Date date) { return Date{date.days, 0}; }
/// Where a range given from `date` starts: a time is itself, a day (no time) starts at its first instant,
/// so "from 2024-01-05" takes in that day's intraday bars as well as its daily bar.
constexpr Date range_start(Date date) { return date.has_time() ? date : start_of_day(date); }

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
/// one or two digits for month and day), optionally followed by a time of day after a 'T' or a space:
/// "H:MM" or "HH:MM", then optionally ":SS" (24-hour clock, 00:00:00 to 23:59:59; no fraction, no time
/// zone). Surrounding spaces are ignored. Empty when not a real day or not a real time.
std::optional<Date> parse_date(std::string_view text);

/// What parse_date takes, in words, for messages that refuse a date: "must be " + kDateForms.
inline constexpr std::string_view kDateForms = "a date (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MM[:SS])";

/// "YYYY-MM-DD" for a day, "YYYY-MM-DDTHH:MM" for a time on the minute, "YYYY-MM-DDTHH:MM:SS" otherwise
/// (ISO 8601). Texts of one kind sort as their Dates do; parse_date reads every one back.
std::string format_date(Date date);

}  // namespace finsim::portfolio
