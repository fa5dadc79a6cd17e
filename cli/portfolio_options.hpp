// Command-line forms of portfolio settings shared by `finsim metrics`, `finsim backtest` and the
// portfolio benchmark: fee schedules, sizing rules, periods and price data.
#pragma once

#include <string>
#include <vector>

#include "cli_args.hpp"
#include "finsim/portfolio/csv_import.hpp"
#include "finsim/portfolio/fees.hpp"
#include "finsim/portfolio/periods.hpp"
#include "finsim/portfolio/price_panel.hpp"
#include "finsim/portfolio/sizing.hpp"

namespace finsim::cli {

/// A preset name (zero, flat, percent, tiered, ibkr_fixed, ibkr_fixed_with_sec) or a JSON file holding a
/// schedule (fees.hpp's form). Throws UsageError.
portfolio::FeeSchedule parse_fee_option(const std::string& value);

/// "fixed:F", "confidence:F" or "kelly[:MULTIPLIER]", fractions in (0, 1]. Throws UsageError.
portfolio::SizingRule parse_sizing_option(const std::string& value, double max_fraction);

/// "daily", "weekly", "monthly", "quarterly", "yearly". Throws UsageError.
portfolio::Period parse_period_option(const std::string& value);

/// A price CSV (wide or long, strict): the first issue and the count of the others become the
/// UsageError's one line.
portfolio::PricePanel read_price_file(const std::string& path);

/// The one-line message of a rejected import: "PATH:LINE: first issue (and N more issues)".
std::string import_error_line(const std::string& path, const std::vector<portfolio::ImportIssue>& issues,
                              std::size_t issue_count);

/// "YYYY-MM-DD" (or M/D/YYYY). Throws UsageError naming `what`.
portfolio::Date parse_date_option(const std::string& value, const std::string& what);

}  // namespace finsim::cli
