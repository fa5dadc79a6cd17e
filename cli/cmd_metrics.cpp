// finsim metrics: the analytics of a returns or prices CSV as JSON, no server needed.
#include <algorithm>
#include <cmath>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_args.hpp"
#include "commands.hpp"
#include "finsim/portfolio/benchmark_metrics.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "finsim/portfolio/returns_metrics.hpp"
#include "finsim/portfolio/series_csv.hpp"
#include "portfolio_options.hpp"

namespace finsim::cli {

using namespace finsim::portfolio;

namespace {

SeriesTable read_table(const std::string& path) {
  const SeriesImport r = read_series_csv(read_input(path));
  if (!r.table) throw UsageError(import_error_line(path, r.issues, r.issue_count));
  return *r.table;
}

// Prices → returns (one period fewer; the dates of the returns are those of their closing prices).
void to_returns(SeriesTable& t) {
  for (auto& col : t.columns) col = simple_returns(col);
  if (!t.dates.empty()) t.dates.erase(t.dates.begin());
}

}  // namespace

int metrics_command(const std::vector<std::string>& argv) {
  const Args args(argv,
                  {{"kind"}, {"period"}, {"risk-free"}, {"required-return"}, {"cutoff"}, {"benchmark"}, {"drawdown-series", false}},
                  1);
  const std::string path = args.positional().empty() ? "-" : args.positional()[0];
  const std::string kind = args.get("kind").value_or("auto");
  if (kind != "auto" && kind != "prices" && kind != "returns") throw UsageError("--kind must be auto, prices or returns");
  PerformanceOptions options;
  options.period = parse_period_option(args.get("period").value_or("daily"));
  options.risk_free = args.number("risk-free", 0.0, -1.0, 1.0);
  options.required_return = args.number("required-return", 0.0, -1.0, 1.0);
  options.var_cutoff = args.number("cutoff", 0.05, 1e-6, 0.5);

  SeriesTable table = read_table(path);
  // The file's dates decide between daily and intraday bars (period_of), counted on every row (prices
  // become returns a row shorter).
  if (options.period != Period::daily && period_of(table.dates).kind == PeriodKind::intraday)
    throw UsageError("--period " + std::string(period_name(options.period)) +
                     ": the file's dates carry times of day (intraday bars, annualised by their bars a day): "
                     "leave --period out");
  options.period = period_of(table.dates, options.period);
  const bool detected = kind == "auto";
  const bool prices = detected ? looks_like_prices(table) : kind == "prices";
  if (prices) {
    for (const auto& col : table.columns)
      for (double v : col)
        if (!std::isnan(v) && v <= 0.0) throw UsageError("prices must be > 0 (or pass --kind returns)");
    to_returns(table);
  } else {
    // A simple return below −100 % is impossible, and one above 1,000 % a period is a price: a
    // column of those is prices with a zero or negative value, or a file of something else.
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      for (double v : table.columns[c])
        if (!std::isnan(v) && (v < -1.0 || v > 10.0))
          throw UsageError("column " + table.names[c] + ": " + nlohmann::json(v).dump() +
                           (detected ? " is neither a return (−1 .. 10) nor, with values <= 0 beside it, a price"
                                     : " is not a plausible return (−1 .. 10 per period)"));
  }
  if (table.columns.empty() || table.columns.front().size() < 2)
    throw UsageError("need at least two periods of returns");

  std::vector<double> benchmark;
  std::string benchmark_name;
  if (const auto b = args.get("benchmark")) {
    const auto it = std::find(table.names.begin(), table.names.end(), *b);
    if (it == table.names.end()) throw UsageError("--benchmark: no column named " + *b);
    benchmark = table.columns[static_cast<std::size_t>(it - table.names.begin())];
    benchmark_name = *b;
  }

  nlohmann::json out;
  out["input"] = {{"kind", prices ? "prices" : "returns"},
                  {"detected", detected},
                  {"series", table.names.size()},
                  {"periods", table.columns.front().size()},
                  {"start", table.dates.empty() ? nlohmann::json(nullptr) : nlohmann::json(format_date(table.dates.front()))},
                  {"end", table.dates.empty() ? nlohmann::json(nullptr) : nlohmann::json(format_date(table.dates.back()))}};
  out["options"] = {{"period", period_name(options.period)},
                    {"periods_per_year", annualization_factor(options.period)},
                    {"risk_free", options.risk_free},
                    {"required_return", options.required_return},
                    {"var_cutoff", options.var_cutoff},
                    {"benchmark", benchmark_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(benchmark_name)}};
  nlohmann::json series = nlohmann::json::object();
  for (std::size_t c = 0; c < table.names.size(); ++c) {
    const bool is_benchmark = table.names[c] == benchmark_name;
    const PerformanceSummary s =
        summarize_returns(table.columns[c], table.dates, options, is_benchmark ? std::span<const double>() : benchmark);
    nlohmann::json j = performance_to_json(s);
    if (args.has("drawdown-series")) {
      nlohmann::json dd = nlohmann::json::array();
      for (double d : drawdown_series(table.columns[c])) dd.push_back(json_number(d));
      j["drawdown_series"] = dd;
    }
    series[table.names[c]] = j;
  }
  out["series"] = series;
  if (table.names.size() > 1) {
    const std::vector<double> m = correlation_matrix(table.columns);
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < table.names.size(); ++i) {
      nlohmann::json row = nlohmann::json::array();
      for (std::size_t j = 0; j < table.names.size(); ++j) row.push_back(json_number(m[i * table.names.size() + j]));
      rows.push_back(row);
    }
    out["correlation"] = {{"names", table.names}, {"matrix", rows}};
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace finsim::cli
