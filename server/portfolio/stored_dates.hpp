// Dates as the store keeps them: the text of format_date in TEXT columns, compared as text in SQL.
//
// One market's stored texts are all days ("2024-01-05") or all times ("2024-01-05T09:35"), and texts of
// one kind sort as their Dates do. A day's text sorts before the texts of its times, so a day bound
// from below is its own text; bounding from above needs through_text. A query over several markets
// meets both kinds: from_bound and to_bound give each kind its own text (a stored day is its close, after
// its times).
#pragma once

#include <string>

#include "finsim/portfolio/date.hpp"

namespace finsim::server {

/// The text that stored texts at or before `to` sort at or before: a time's own text; for a day without
/// a time, "YYYY-MM-DDT99", after the day's own text and its times' and before the next day's, in byte
/// order and in a locale's collation alike (letters and digits only decide: no punctuation is needed).
inline std::string through_text(portfolio::Date to) {
  return to.has_time() ? portfolio::format_date(to) : portfolio::format_date(to) + "T99";
}

/// The texts bounding stored days (`day`, 10 characters) and stored times (`time`) so that a text
/// comparison agrees with Date order for each kind.
struct TextBound {
  std::string day, time;
};

/// From `from` on: a day whose close is at or after range_start(from) (its own day on), a time at or after it.
inline TextBound from_bound(portfolio::Date from) {
  return {portfolio::format_date(portfolio::day_of(from)), portfolio::format_date(from)};
}

/// Through `to`: a day whose close is at or before `to` (before its day when `to` is a time of it), a time
/// at or before it.
inline TextBound to_bound(portfolio::Date to) {
  return {portfolio::format_date(to.has_time() ? portfolio::Date{to.days - 1} : to), through_text(to)};
}

}  // namespace finsim::server
