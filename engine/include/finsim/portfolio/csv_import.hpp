// Importing prices from CSV text (the caller reads the file; the engine parses).
//
// Two layouts:
//   wide  Date,T1,T2,…      one row per date, one column per ticker (the shared AAPL/MSFT/C file);
//                           every ticker gets the asset class (and sector) given in the options.
//   long  date,ticker,asset_type,close[,volume,sector]   one row per (date, ticker), columns in any
//                           order, named by the header (case-insensitive; "timestamp" or "datetime" may
//                           name the date column); asset_type as parse_asset_class.
// Dates: YYYY-MM-DD, YYYY/MM/DD or M/D/YYYY, each optionally with a time of day ("2024-01-05 09:35",
// "2024-01-05T09:35:00", exchange time, no zone): intraday bars, each stamped with the time it closes.
// A file holds daily bars or intraday bars, not both: the kind most of its dates have decides (the first
// date's on a tie), and each row of the other kind is an issue. An empty cell, "NA", "NaN", "N/A" or "null" is a missing
// price (not an error); any other price must be a finite number > 0. Fields may be double-quoted
// (RFC 4180, "" for a quote); a quoted field cannot span lines. Blank lines are skipped; CRLF and a
// UTF-8 byte-order mark are accepted. Rows may come in any date order: the panel is sorted by date.
//
// Errors are reported, never skipped silently: every bad row yields an ImportIssue with its 1-based
// line number. What happens to the rest depends on the mode:
//   strict (default)  any issue rejects the whole import: no panel, all issues listed;
//   lenient           bad rows are left out, the panel holds the good ones, and the issues say which
//                     rows were left out and why.
// Problems with the header (no date column, empty or repeated tickers, missing long columns) reject the
// import in both modes. At most `max_issues` issues are listed; issue_count counts them all.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "finsim/portfolio/asset.hpp"
#include "finsim/portfolio/price_panel.hpp"

namespace finsim::portfolio {

enum class ImportMode : std::uint8_t { strict, lenient };

struct ImportIssue {
  std::size_t line = 0;  ///< 1-based line of the file (1 = header)
  std::string message;
};

struct ImportReport {
  std::optional<PricePanel> panel;  ///< absent when the import was rejected
  std::vector<ImportIssue> issues;  ///< the first max_issues, in line order
  std::size_t issue_count = 0;      ///< all issues found
  std::size_t rows_read = 0;        ///< non-blank data rows
  std::size_t rows_imported = 0;    ///< rows that made it into the panel
  /// True when a panel was produced with no issue at all.
  [[nodiscard]] bool clean() const { return panel.has_value() && issue_count == 0; }
};

struct CsvImportOptions {
  ImportMode mode = ImportMode::strict;
  std::size_t max_issues = 100;
  AssetClass asset_class = AssetClass::stock;  ///< wide layout: the class of every column
  std::string sector;                          ///< wide layout: the sector of every column (stocks)
};

/// Parses the wide layout.
ImportReport import_wide_csv(std::string_view text, const CsvImportOptions& options = {});

/// Parses the long layout: the cells' text is checked here, then the rows go through import_price_rows.
ImportReport import_long_csv(std::string_view text, const CsvImportOptions& options = {});

/// One observation of the long layout, already typed: what a loader from another source (the server's
/// SQLite reader of a financial_data_aggregator database, see docs/portfolio.md) hands over.
struct PriceRow {
  std::size_t line = 0;  ///< reported with its issues (a file line, a row id)
  Date date;
  std::string ticker;
  AssetClass asset_class = AssetClass::stock;
  double close = std::numeric_limits<double>::quiet_NaN();   ///< NaN = missing
  double volume = std::numeric_limits<double>::quiet_NaN();  ///< NaN = unknown
  std::string sector;    ///< stocks only (ignored for other classes)
};

/// Builds a panel from typed rows with the long layout's rules: a non-empty ticker, a close that is
/// missing or > 0, a volume that is unknown or ≥ 0, one asset class (and one sector) per ticker, one row
/// per (date, ticker). Modes and issues as for the CSV importers.
ImportReport import_price_rows(std::span<const PriceRow> rows, const CsvImportOptions& options = {});

/// The long layout when the header names a "ticker" column, the wide layout otherwise.
ImportReport import_price_csv(std::string_view text, const CsvImportOptions& options = {});

}  // namespace finsim::portfolio
