#include "finsim/portfolio/csv_import.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <limits>
#include <map>

#include "portfolio/csv_reader.hpp"

namespace finsim::portfolio {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

class IssueLog {
 public:
  IssueLog(ImportReport& report, std::size_t max) : report_(report), max_(max) {}
  void add(std::size_t line, std::string message) {
    ++report_.issue_count;
    if (report_.issues.size() < max_) report_.issues.push_back({line, std::move(message)});
  }

 private:
  ImportReport& report_;
  std::size_t max_;
};

// A record that split cleanly into the header's number of fields; otherwise logs why not.
bool well_formed(const csv::Record& rec, std::size_t fields, IssueLog& log) {
  if (!rec.error.empty()) {
    log.add(rec.line, rec.error);
    return false;
  }
  if (rec.fields.size() != fields) {
    log.add(rec.line, "expected " + std::to_string(fields) + " fields, found " + std::to_string(rec.fields.size()));
    return false;
  }
  return true;
}

ImportReport rejected(std::size_t line, std::string message) {
  ImportReport r;
  r.issue_count = 1;
  r.issues.push_back({line, std::move(message)});
  return r;
}

std::string quoted(std::string_view s) {
  // Built by appends: GCC 12 warns falsely (-Wrestrict, PR 105329) on "'" + std::string(s) + "'".
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  out.append(s);
  out += '\'';
  return out;
}

// A number as a person would write it in a message.
std::string number_text(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

// A price cell's problem, or empty when it is a valid price or a missing marker.
std::string price_problem(std::string_view cell, std::optional<double>& value) {
  value = csv::parse_price_cell(cell);
  if (!value) return {};
  if (std::isnan(*value)) return quoted(csv::trim(cell)) + " is not a number";
  if (*value <= 0.0) return "price " + quoted(csv::trim(cell)) + " is not > 0";
  return {};
}

struct DatedRow {
  Date date;
  std::vector<double> values;
};

void finish(ImportReport& report, const CsvImportOptions& options, Result<PricePanel> panel) {
  if (options.mode == ImportMode::strict && report.issue_count > 0) {
    report.rows_imported = 0;
    return;
  }
  if (!panel.ok()) {  // cannot happen for rows that passed the checks; reported rather than hidden
    report.issues.push_back({0, panel.error().message});
    ++report.issue_count;
    report.rows_imported = 0;
    return;
  }
  report.panel = std::move(panel).value();
}

// A file holds daily bars or intraday bars, not both (a day's close would sort after that day's intraday
// bars and be taken for one). The kind most of its dates have decides (the first date's on a tie), so a
// stray row does not turn a lenient import of the rest away; each row of the other kind is an issue.
class BarKind {
 public:
  /// Decides from every (date, line) of the file.
  explicit BarKind(std::span<const std::pair<Date, std::size_t>> dated) {
    std::size_t timed = 0;
    for (const auto& d : dated) timed += d.first.has_time() ? 1 : 0;
    if (dated.empty()) return;
    const std::size_t days = dated.size() - timed;
    timed_ = timed == days ? dated.front().first.has_time() : timed > days;
    for (const auto& [date, line] : dated)
      if (date.has_time() == timed_) {
        example_line_ = line;
        break;
      }
  }

  /// False (and an issue) when `date` is not of the file's kind.
  bool fits(Date date, std::size_t line, IssueLog& log) const {
    if (date.has_time() == timed_) return true;
    log.add(line, format_date(date) + (timed_ ? " has no time of day but line " : " has a time of day but line ") +
                      std::to_string(example_line_) + (timed_ ? " has one" : " has none") +
                      " (as most dates of the file): a file holds daily bars or intraday bars, not both");
    return false;
  }

 private:
  bool timed_ = false;
  std::size_t example_line_ = 0;
};

/// "bad date 'text'" with the forms a date may take.
std::string bad_date(std::string_view text) {
  return "bad date " + quoted(text) + " (YYYY-MM-DD, YYYY/MM/DD or M/D/YYYY, optionally with a time HH:MM[:SS] " +
         "in exchange time, no zone)";
}

// The checks of import_price_rows, then the panel: tickers in order of first appearance, dates sorted.
// Issues already in the report (from parsing) count toward strict rejection; all end in line order.
void assemble_rows(std::span<const PriceRow> rows, ImportReport& report, IssueLog& log, const CsvImportOptions& options,
                   bool volume_column) {
  struct TickerInfo {
    Asset asset;
    std::size_t line;
  };
  struct Entry {
    Date date;
    std::size_t asset;
    double close, volume;
  };
  std::vector<TickerInfo> tickers;
  std::map<std::string, std::size_t, std::less<>> ticker_index;
  std::map<std::pair<Date, std::size_t>, std::size_t> seen;  // (date, asset) → line
  std::vector<Entry> entries;
  bool any_volume = volume_column;
  std::vector<std::pair<Date, std::size_t>> dated;
  for (const PriceRow& row : rows) dated.emplace_back(row.date, row.line);
  const BarKind kind(dated);
  for (const PriceRow& row : rows) {
    bool good = kind.fits(row.date, row.line, log);
    if (row.ticker.empty()) {
      log.add(row.line, "empty ticker");
      good = false;
    }
    if (!std::isnan(row.close) && !(std::isfinite(row.close) && row.close > 0.0)) {
      log.add(row.line, "close: price " + quoted(number_text(row.close)) + " is not > 0");
      good = false;
    }
    if (!std::isnan(row.volume) && !(std::isfinite(row.volume) && row.volume >= 0.0)) {
      log.add(row.line, "volume " + quoted(number_text(row.volume)) + " is not a number >= 0");
      good = false;
    }
    if (!good) continue;
    any_volume = any_volume || !std::isnan(row.volume);
    const bool stock = row.asset_class == AssetClass::stock;
    auto it = ticker_index.find(row.ticker);
    if (it == ticker_index.end()) {
      it = ticker_index.emplace(row.ticker, tickers.size()).first;
      tickers.push_back({{row.ticker, row.asset_class, stock ? row.sector : ""}, row.line});
    } else {
      TickerInfo& info = tickers[it->second];
      if (info.asset.asset_class != row.asset_class) {
        log.add(row.line, row.ticker + " is a " + std::string(asset_class_name(row.asset_class)) + " here but a " +
                              std::string(asset_class_name(info.asset.asset_class)) + " on line " +
                              std::to_string(info.line));
        continue;
      }
      if (stock && !row.sector.empty()) {
        if (info.asset.sector.empty()) {
          info.asset.sector = row.sector;
        } else if (info.asset.sector != row.sector) {
          log.add(row.line, row.ticker + " has sector " + quoted(row.sector) + " here but " +
                                quoted(info.asset.sector) + " on line " + std::to_string(info.line));
          continue;
        }
      }
    }
    const auto key = std::pair{row.date, it->second};
    if (auto s = seen.find(key); s != seen.end()) {
      log.add(row.line, row.ticker + " on " + format_date(row.date) + " repeats line " + std::to_string(s->second));
      continue;
    }
    seen.emplace(key, row.line);
    entries.push_back({row.date, it->second, row.close, row.volume});
  }
  std::stable_sort(report.issues.begin(), report.issues.end(),
                   [](const ImportIssue& a, const ImportIssue& b) { return a.line < b.line; });

  std::vector<Date> dates;
  for (const Entry& e : entries) dates.push_back(e.date);
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  const std::size_t n = tickers.size();
  std::vector<double> closes(dates.size() * n, kNaN), volumes;
  if (any_volume) volumes.assign(dates.size() * n, kNaN);
  for (const Entry& e : entries) {
    const auto bar = static_cast<std::size_t>(std::lower_bound(dates.begin(), dates.end(), e.date) - dates.begin());
    closes[bar * n + e.asset] = e.close;
    if (!volumes.empty()) volumes[bar * n + e.asset] = e.volume;
  }
  std::vector<Asset> assets;
  for (TickerInfo& t : tickers) assets.push_back(std::move(t.asset));
  report.rows_imported = entries.size();
  finish(report, options, PricePanel::create(std::move(assets), std::move(dates), std::move(closes), std::move(volumes)));
}

}  // namespace

ImportReport import_wide_csv(std::string_view text, const CsvImportOptions& options) {
  const std::vector<csv::Record> records = csv::read_records(text);
  if (records.empty()) return rejected(1, "the file is empty");
  const csv::Record& header = records[0];
  if (!header.error.empty()) return rejected(header.line, "header: " + header.error);
  if (header.fields.size() < 2) return rejected(header.line, "header: expected a date column and at least one ticker");
  std::vector<Asset> assets;
  for (std::size_t c = 1; c < header.fields.size(); ++c) {
    const std::string ticker(csv::trim(header.fields[c]));
    if (ticker.empty()) return rejected(header.line, "header: column " + std::to_string(c + 1) + " has no ticker");
    for (const Asset& a : assets)
      if (a.ticker == ticker) return rejected(header.line, "header: ticker " + ticker + " appears twice");
    assets.push_back({ticker, options.asset_class, options.asset_class == AssetClass::stock ? options.sector : ""});
  }

  ImportReport report;
  IssueLog log(report, options.max_issues);
  std::map<Date, std::size_t> seen;  // date → line that holds it
  std::vector<DatedRow> rows;
  // Each row's date, parsed once: every one counts toward the file's bar kind.
  std::vector<std::optional<Date>> row_dates(records.size());
  std::vector<std::pair<Date, std::size_t>> dated;
  for (std::size_t k = 1; k < records.size(); ++k)
    if (!records[k].fields.empty())
      if ((row_dates[k] = parse_date(records[k].fields[0]))) dated.emplace_back(*row_dates[k], records[k].line);
  const BarKind kind(dated);
  for (std::size_t k = 1; k < records.size(); ++k) {
    const csv::Record& rec = records[k];
    ++report.rows_read;
    if (!well_formed(rec, header.fields.size(), log)) continue;
    bool good = true;
    const std::optional<Date>& date = row_dates[k];
    if (!date) {
      log.add(rec.line, bad_date(csv::trim(rec.fields[0])));
      good = false;
    } else if (auto it = seen.find(*date); it != seen.end()) {
      log.add(rec.line, "date " + format_date(*date) + " repeats line " + std::to_string(it->second));
      good = false;
    } else if (!kind.fits(*date, rec.line, log)) {
      good = false;
    }
    DatedRow row{date.value_or(Date{}), std::vector<double>(assets.size(), kNaN)};
    for (std::size_t c = 0; c < assets.size(); ++c) {
      std::optional<double> value;
      const std::string problem = price_problem(rec.fields[c + 1], value);
      if (!problem.empty()) {
        log.add(rec.line, assets[c].ticker + ": " + problem);
        good = false;
      } else if (value) {
        row.values[c] = *value;
      }
    }
    if (date && !seen.count(*date)) seen.emplace(*date, rec.line);
    if (good) rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const DatedRow& a, const DatedRow& b) { return a.date < b.date; });
  std::vector<Date> dates;
  std::vector<double> closes;
  for (const DatedRow& r : rows) {
    dates.push_back(r.date);
    closes.insert(closes.end(), r.values.begin(), r.values.end());
  }
  report.rows_imported = rows.size();
  finish(report, options, PricePanel::create(std::move(assets), std::move(dates), std::move(closes)));
  return report;
}

ImportReport import_price_rows(std::span<const PriceRow> rows, const CsvImportOptions& options) {
  ImportReport report;
  IssueLog log(report, options.max_issues);
  report.rows_read = rows.size();
  assemble_rows(rows, report, log, options, false);
  return report;
}

ImportReport import_long_csv(std::string_view text, const CsvImportOptions& options) {
  const std::vector<csv::Record> records = csv::read_records(text);
  if (records.empty()) return rejected(1, "the file is empty");
  const csv::Record& header = records[0];
  if (!header.error.empty()) return rejected(header.line, "header: " + header.error);
  enum Column { kDate, kTicker, kType, kClose, kVolume, kSector, kColumns };
  static constexpr const char* kNames[kColumns] = {"date", "ticker", "asset_type", "close", "volume", "sector"};
  long column[kColumns] = {-1, -1, -1, -1, -1, -1};
  for (std::size_t c = 0; c < header.fields.size(); ++c) {
    std::string name = csv::lower(csv::trim(header.fields[c]));
    if (name == "asset_class") name = "asset_type";
    if (name == "timestamp" || name == "datetime") name = "date";
    for (int k = 0; k < kColumns; ++k)
      if (name == kNames[k]) {
        if (column[k] >= 0) return rejected(header.line, "header: column " + name + " appears twice");
        column[k] = static_cast<long>(c);
      }
  }
  for (int k = 0; k <= kClose; ++k)
    if (column[k] < 0)
      return rejected(header.line, std::string("header: missing column ") + kNames[k] +
                                       " (need date,ticker,asset_type,close[,volume,sector])");

  // Text → PriceRow: the checks that concern the text of the cells. The rest is import_price_rows'.
  ImportReport report;
  IssueLog log(report, options.max_issues);
  std::vector<PriceRow> rows;
  auto field = [&](const csv::Record& rec, int k) { return csv::trim(rec.fields[static_cast<std::size_t>(column[k])]); };
  for (std::size_t r = 1; r < records.size(); ++r) {
    const csv::Record& rec = records[r];
    ++report.rows_read;
    if (!well_formed(rec, header.fields.size(), log)) continue;
    bool good = true;
    PriceRow row;
    row.line = rec.line;
    if (const auto date = parse_date(field(rec, kDate))) {
      row.date = *date;
    } else {
      log.add(rec.line, bad_date(field(rec, kDate)));
      good = false;
    }
    row.ticker = std::string(field(rec, kTicker));
    if (const auto type = parse_asset_class(field(rec, kType))) {
      row.asset_class = *type;
    } else {
      log.add(rec.line, "unknown asset_type " + quoted(field(rec, kType)) + " (stock, crypto, bond, commodity)");
      good = false;
    }
    const auto close = csv::parse_price_cell(field(rec, kClose));
    if (close && std::isnan(*close)) {
      log.add(rec.line, "close: " + quoted(field(rec, kClose)) + " is not a number");
      good = false;
    }
    row.close = close.value_or(kNaN);
    if (column[kVolume] >= 0) {
      const auto v = csv::parse_price_cell(field(rec, kVolume));
      if (v && std::isnan(*v)) {
        log.add(rec.line, "volume " + quoted(field(rec, kVolume)) + " is not a number >= 0");
        good = false;
      }
      row.volume = v.value_or(kNaN);
    }
    if (column[kSector] >= 0) row.sector = std::string(field(rec, kSector));
    if (good) rows.push_back(std::move(row));
  }
  assemble_rows(rows, report, log, options, column[kVolume] >= 0);
  return report;
}

ImportReport import_price_csv(std::string_view text, const CsvImportOptions& options) {
  const std::vector<csv::Record> head = csv::read_records(text.substr(0, text.find('\n')));
  if (!head.empty())
    for (const std::string& f : head[0].fields)
      if (csv::lower(csv::trim(f)) == "ticker") return import_long_csv(text, options);
  return import_wide_csv(text, options);
}

}  // namespace finsim::portfolio
