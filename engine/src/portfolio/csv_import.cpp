#include "finsim/portfolio/csv_import.hpp"

#include <algorithm>
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
  for (std::size_t k = 1; k < records.size(); ++k) {
    const csv::Record& rec = records[k];
    ++report.rows_read;
    if (!well_formed(rec, header.fields.size(), log)) continue;
    bool good = true;
    const auto date = parse_date(rec.fields[0]);
    if (!date) {
      log.add(rec.line, "bad date " + quoted(csv::trim(rec.fields[0])));
      good = false;
    } else if (auto it = seen.find(*date); it != seen.end()) {
      log.add(rec.line, "date " + format_date(*date) + " repeats line " + std::to_string(it->second));
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

  struct Entry {
    Date date;
    std::size_t asset;
    double close, volume;
  };
  struct TickerInfo {
    Asset asset;
    std::size_t line;
  };
  ImportReport report;
  IssueLog log(report, options.max_issues);
  std::vector<TickerInfo> tickers;
  std::map<std::string, std::size_t, std::less<>> ticker_index;
  std::map<std::pair<Date, std::size_t>, std::size_t> seen;  // (date, asset) → line
  std::vector<Entry> entries;
  auto field = [&](const csv::Record& rec, int k) { return csv::trim(rec.fields[static_cast<std::size_t>(column[k])]); };

  for (std::size_t r = 1; r < records.size(); ++r) {
    const csv::Record& rec = records[r];
    ++report.rows_read;
    if (!well_formed(rec, header.fields.size(), log)) continue;
    bool good = true;
    const auto date = parse_date(field(rec, kDate));
    if (!date) {
      log.add(rec.line, "bad date " + quoted(field(rec, kDate)));
      good = false;
    }
    const std::string ticker(field(rec, kTicker));
    if (ticker.empty()) {
      log.add(rec.line, "empty ticker");
      good = false;
    }
    const auto type = parse_asset_class(field(rec, kType));
    if (!type) {
      log.add(rec.line, "unknown asset_type " + quoted(field(rec, kType)) + " (stock, crypto, bond, commodity)");
      good = false;
    }
    std::optional<double> close;
    if (const std::string p = price_problem(field(rec, kClose), close); !p.empty()) {
      log.add(rec.line, "close: " + p);
      good = false;
    }
    double volume = kNaN;
    if (column[kVolume] >= 0) {
      const auto v = csv::parse_price_cell(field(rec, kVolume));
      if (v && (std::isnan(*v) || *v < 0.0)) {
        log.add(rec.line, "volume " + quoted(field(rec, kVolume)) + " is not a number >= 0");
        good = false;
      } else if (v) {
        volume = *v;
      }
    }
    const std::string sector = column[kSector] >= 0 ? std::string(field(rec, kSector)) : std::string();
    if (!good) continue;

    auto it = ticker_index.find(ticker);
    if (it == ticker_index.end()) {
      it = ticker_index.emplace(ticker, tickers.size()).first;
      tickers.push_back({{ticker, *type, *type == AssetClass::stock ? sector : ""}, rec.line});
    } else {
      TickerInfo& info = tickers[it->second];
      if (info.asset.asset_class != *type) {
        log.add(rec.line, ticker + " is a " + std::string(asset_class_name(*type)) + " here but a " +
                              std::string(asset_class_name(info.asset.asset_class)) + " on line " +
                              std::to_string(info.line));
        continue;
      }
      if (*type == AssetClass::stock && !sector.empty()) {
        if (info.asset.sector.empty()) {
          info.asset.sector = sector;
        } else if (info.asset.sector != sector) {
          log.add(rec.line, ticker + " has sector " + quoted(sector) + " here but " + quoted(info.asset.sector) +
                                " on line " + std::to_string(info.line));
          continue;
        }
      }
    }
    const auto key = std::pair{*date, it->second};
    if (auto s = seen.find(key); s != seen.end()) {
      log.add(rec.line, ticker + " on " + format_date(*date) + " repeats line " + std::to_string(s->second));
      continue;
    }
    seen.emplace(key, rec.line);
    entries.push_back({*date, it->second, close.value_or(kNaN), volume});
  }

  std::vector<Date> dates;
  for (const Entry& e : entries) dates.push_back(e.date);
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  const std::size_t n = tickers.size();
  std::vector<double> closes(dates.size() * n, kNaN), volumes;
  if (column[kVolume] >= 0) volumes.assign(dates.size() * n, kNaN);
  for (const Entry& e : entries) {
    const auto bar = static_cast<std::size_t>(std::lower_bound(dates.begin(), dates.end(), e.date) - dates.begin());
    closes[bar * n + e.asset] = e.close;
    if (!volumes.empty()) volumes[bar * n + e.asset] = e.volume;
  }
  std::vector<Asset> assets;
  for (TickerInfo& t : tickers) assets.push_back(std::move(t.asset));
  report.rows_imported = entries.size();
  finish(report, options, PricePanel::create(std::move(assets), std::move(dates), std::move(closes), std::move(volumes)));
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
