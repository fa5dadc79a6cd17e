#include "finsim/portfolio/date.hpp"

#include <charconv>
#include <cstdio>

namespace finsim::portfolio {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A whole run of 1..max_digits decimal digits.
std::optional<int> parse_field(std::string_view s, std::size_t min_digits, std::size_t max_digits) {
  if (s.size() < min_digits || s.size() > max_digits) return std::nullopt;
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  return v;
}

std::optional<Date> make(std::optional<int> y, std::optional<int> m, std::optional<int> d) {
  if (!y || !m || !d || !is_valid_civil(*y, *m, *d)) return std::nullopt;
  return date_from_civil(*y, *m, *d);
}

// "H:MM", "HH:MM", "H:MM:SS" or "HH:MM:SS" as a second of the day.
std::optional<std::int32_t> parse_time(std::string_view s) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto h = parse_field(s.substr(0, colon), 1, 2);
  const std::string_view rest = s.substr(colon + 1);
  const auto m = parse_field(rest.substr(0, 2), 2, 2);
  std::optional<int> sec = 0;
  if (rest.size() != 2) sec = rest.size() == 5 && rest[2] == ':' ? parse_field(rest.substr(3), 2, 2) : std::nullopt;
  if (!h || !m || !sec || *h > 23 || *m > 59 || *sec > 59) return std::nullopt;
  return *h * 3600 + *m * 60 + *sec;
}

std::optional<Date> parse_day(std::string_view s) {
  if (s.size() == 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4])
    return make(parse_field(s.substr(0, 4), 4, 4), parse_field(s.substr(5, 2), 2, 2), parse_field(s.substr(8, 2), 2, 2));
  const auto a = s.find('/');
  if (a == std::string_view::npos) return std::nullopt;
  const auto b = s.find('/', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  return make(parse_field(s.substr(b + 1), 4, 4), parse_field(s.substr(0, a), 1, 2),
              parse_field(s.substr(a + 1, b - a - 1), 1, 2));
}

}  // namespace

bool is_valid_civil(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

Date date_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;                                   // [0, 399]
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  // [0, 365]
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return Date{era * 146097 + doe - 719468};
}

CivilDate civil_from_date(Date date) {
  const int z = date.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

int iso_weekday(Date date) {
  // 1970-01-01 was a Thursday (ISO 4).
  const int w = ((date.days % 7) + 7 + 3) % 7;  // 0 = Monday
  return w + 1;
}

int iso_week(Date date) {
  // The ISO week of a day is the week of its Thursday; week 1 holds the year's first Thursday.
  const Date thursday{date.days - iso_weekday(date) + 4};
  const int year = civil_from_date(thursday).year;
  const Date jan1 = date_from_civil(year, 1, 1);
  return (thursday.days - jan1.days) / 7 + 1;
}

std::optional<Date> parse_date(std::string_view text) {
  const std::string_view s = trim(text);
  const auto split = s.find_first_of("T ");
  if (split == std::string_view::npos) return parse_day(s);
  auto day = parse_day(s.substr(0, split));
  const auto time = parse_time(trim(s.substr(split + 1)));
  if (!day || !time) return std::nullopt;
  day->second = *time;
  return day;
}

std::string format_date(Date date) {
  const CivilDate c = civil_from_date(date);
  char buf[32];
  if (!date.has_time())
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  else if (date.second % 60 == 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", c.year, c.month, c.day, date.second / 3600,
                  date.second / 60 % 60);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day, date.second / 3600,
                  date.second / 60 % 60, date.second % 60);
  return buf;
}

}  // namespace finsim::portfolio
