#include "finsim/portfolio/series_csv.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "portfolio/csv_reader.hpp"

namespace finsim::portfolio {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

SeriesImport from_long(std::string_view text, std::size_t max_issues) {
  CsvImportOptions o;
  o.max_issues = max_issues;
  ImportReport r = import_long_csv(text, o);
  SeriesImport out;
  out.issues = std::move(r.issues);
  out.issue_count = r.issue_count;
  if (!r.panel) return out;
  SeriesTable t;
  t.dates = r.panel->dates();
  for (std::size_t a = 0; a < r.panel->asset_count(); ++a) {
    t.names.push_back(r.panel->asset(a).ticker);
    t.columns.push_back(r.panel->close_series(a));
  }
  out.table = std::move(t);
  return out;
}

}  // namespace

SeriesImport read_series_csv(std::string_view text, std::size_t max_issues) {
  const std::vector<csv::Record> records = csv::read_records(text);
  SeriesImport out;
  auto issue = [&](std::size_t line, std::string m) {
    ++out.issue_count;
    if (out.issues.size() < max_issues) out.issues.push_back({line, std::move(m)});
  };
  if (records.empty()) {
    issue(1, "the file is empty");
    return out;
  }
  const csv::Record& header = records[0];
  if (!header.error.empty()) {
    issue(header.line, "header: " + header.error);
    return out;
  }
  for (const std::string& f : header.fields)
    if (csv::lower(csv::trim(f)) == "ticker") return from_long(text, max_issues);

  // A date column: named "date", or the first column when all its cells are dates.
  bool dated = csv::lower(csv::trim(header.fields[0])) == "date";
  if (!dated && header.fields.size() > 1 && records.size() > 1) {
    dated = true;
    for (std::size_t k = 1; k < records.size() && dated; ++k)
      dated = !records[k].fields.empty() && parse_date(records[k].fields[0]).has_value();
  }
  const std::size_t first = dated ? 1 : 0;
  SeriesTable t;
  for (std::size_t c = first; c < header.fields.size(); ++c) {
    std::string name(csv::trim(header.fields[c]));
    if (name.empty()) name = "series" + std::to_string(c - first + 1);
    t.names.push_back(std::move(name));
  }
  if (t.names.empty()) {
    issue(header.line, "header: no series columns");
    return out;
  }
  struct Row {
    Date date;
    std::vector<double> values;
  };
  std::vector<Row> rows;
  std::map<Date, std::size_t> seen;
  for (std::size_t k = 1; k < records.size(); ++k) {
    const csv::Record& rec = records[k];
    if (!rec.error.empty()) {
      issue(rec.line, rec.error);
      continue;
    }
    if (rec.fields.size() != header.fields.size()) {
      issue(rec.line, "expected " + std::to_string(header.fields.size()) + " fields, found " +
                          std::to_string(rec.fields.size()));
      continue;
    }
    Row row{Date{}, std::vector<double>(t.names.size(), kNaN)};
    if (dated) {
      const auto d = parse_date(rec.fields[0]);
      if (!d) {
        issue(rec.line, "bad date '" + std::string(csv::trim(rec.fields[0])) + "'");
        continue;
      }
      if (auto it = seen.find(*d); it != seen.end()) {
        issue(rec.line, "date " + format_date(*d) + " repeats line " + std::to_string(it->second));
        continue;
      }
      seen.emplace(*d, rec.line);
      row.date = *d;
    }
    for (std::size_t c = first; c < rec.fields.size(); ++c) {
      const auto v = csv::parse_price_cell(rec.fields[c]);
      if (v && std::isnan(*v)) issue(rec.line, t.names[c - first] + ": '" + std::string(csv::trim(rec.fields[c])) + "' is not a number");
      else if (v) row.values[c - first] = *v;
    }
    rows.push_back(std::move(row));
  }
  if (out.issue_count > 0) return out;
  if (dated)
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.date < b.date; });
  t.columns.assign(t.names.size(), {});
  for (const Row& r : rows) {
    if (dated) t.dates.push_back(r.date);
    for (std::size_t c = 0; c < t.names.size(); ++c) t.columns[c].push_back(r.values[c]);
  }
  out.table = std::move(t);
  return out;
}

bool looks_like_prices(const SeriesTable& table) {
  bool any_above_one = false;
  for (const auto& col : table.columns)
    for (double v : col) {
      if (std::isnan(v)) continue;
      if (v <= 0.0) return false;
      any_above_one = any_above_one || v > 1.0;
    }
  return any_above_one;
}

}  // namespace finsim::portfolio
