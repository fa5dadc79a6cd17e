// Reading columns of numbers (returns or prices) from CSV text, for analytics on any series.
//
// Layout: a header naming the columns, then one row per period. When the first column's header is
// "date" (any case) or every value in it parses as a date, it dates the rows; otherwise every column is a
// series. Cells: numbers, or a missing marker (empty, NA, NaN, N/A, null). A long price file
// (date,ticker,asset_type,close,…) is read through import_long_csv and pivoted. Every bad row is an
// issue with its line number, and any issue rejects the file (strict, as csv_import.hpp's default).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "finsim/portfolio/csv_import.hpp"
#include "finsim/portfolio/date.hpp"

namespace finsim::portfolio {

struct SeriesTable {
  std::vector<std::string> names;
  std::vector<Date> dates;                   ///< empty when the file has no date column
  std::vector<std::vector<double>> columns;  ///< one per name, NaN where missing
};

struct SeriesImport {
  std::optional<SeriesTable> table;
  std::vector<ImportIssue> issues;
  std::size_t issue_count = 0;
};

/// Parses `text` as above. Dated rows are sorted by date; repeated dates are issues.
SeriesImport read_series_csv(std::string_view text, std::size_t max_issues = 100);

/// True when the table looks like prices rather than returns: every value present is > 0 and at least one
/// exceeds 1 (a daily return above 100 % is implausible; a price below 1 everywhere is unusual — pass the
/// kind explicitly for such data).
bool looks_like_prices(const SeriesTable& table);

}  // namespace finsim::portfolio
