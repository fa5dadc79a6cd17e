// Dates as the store keeps them: the text of format_date in TEXT columns, compared as text in SQL.
//
// One market's stored texts are all days ("2024-01-05") or all times ("2024-01-05T09:35"), and texts of
// one kind sort as their Dates do. A day's text sorts before the texts of its times, so a day bound
// from below is its own text; bounding from above needs through_text.
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

}  // namespace finsim::server
