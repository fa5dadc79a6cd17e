#include "aggregator_reader.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <optional>
#include <set>
#include <vector>

#include "store/database.hpp"

namespace finsim::server {
namespace {

namespace pf = finsim::portfolio;
using store::Database;

struct FactTable {
  const char* fact;
  const char* dimension;
  std::initializer_list<const char*> symbol;  ///< the ticker column of the dimension, by preference
  std::initializer_list<const char*> close;   ///< the fact's price columns, first non-NULL wins
  pf::AssetClass asset_class;
};

const std::array<FactTable, 4> kFacts{{
    {"fact_stock_price", "dim_company", {"symbol", "ticker"}, {"adjusted_close", "close_price", "close"}, pf::AssetClass::stock},
    {"fact_crypto_price", "dim_crypto_asset", {"symbol", "ticker"}, {"price", "close_price", "close"}, pf::AssetClass::crypto},
    {"fact_bond_price", "dim_bond", {"isin", "ticker", "cusip", "symbol"}, {"price", "close_price", "close"}, pf::AssetClass::bond},
    {"fact_commodity_price", "dim_commodity", {"symbol", "ticker", "code"}, {"price", "close_price", "close"},
     pf::AssetClass::commodity},
}};

/// Identifiers come from this file's table list, never from its data; quoting keeps them inert anyway.
std::string ident(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

struct Columns {
  std::vector<std::string> names;
  std::string primary_key;
  [[nodiscard]] bool has(const std::string& c) const { return std::find(names.begin(), names.end(), c) != names.end(); }
  [[nodiscard]] std::optional<std::string> first(std::initializer_list<const char*> candidates) const {
    for (const char* c : candidates)
      if (has(c)) return std::string(c);
    return std::nullopt;
  }
};

Result<std::optional<Columns>> columns_of(Database& db, const std::string& table) {
  auto rows = db.query("PRAGMA table_info(" + ident(table) + ")");
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<Columns>{};
  Columns c;
  for (const auto& r : *rows) {
    c.names.push_back(r[1]);
    if (r[5] == "1") c.primary_key = r[1];
  }
  return std::optional<Columns>(std::move(c));
}

/// The primary-key column of a dimension, which the fact references by the same name.
std::optional<std::string> join_key(const Columns& fact, const Columns& dim) {
  if (!dim.primary_key.empty() && fact.has(dim.primary_key)) return dim.primary_key;
  for (const std::string& c : dim.names)
    if (c.size() > 3 && c.substr(c.size() - 3) == "_id" && c != "date_id" && c != "source_id" && fact.has(c)) return c;
  return std::nullopt;
}

struct Reader {
  Database& db;
  std::vector<pf::PriceRow> rows;
  std::vector<pf::ImportIssue> problems;

  void problem(const std::string& message) { problems.push_back({0, message}); }

  Status read(const FactTable& t, const Columns& fact, const Columns& dim, const std::optional<Columns>& dates) {
    const auto key = join_key(fact, dim);
    const auto symbol = dim.first(t.symbol);
    std::string close_expr;
    for (const char* c : t.close)
      if (fact.has(c)) close_expr += (close_expr.empty() ? "" : ", ") + std::string("f.") + ident(c);
    if (!key || !symbol || close_expr.empty()) {
      problem(std::string(t.fact) + ": cannot map it (needs a key to " + t.dimension + ", a ticker column there and a price column)");
      return {};
    }
    std::string date_expr, join_dates;
    if (fact.has("date_id") && dates && dates->has("date") && dates->has("date_id")) {
      date_expr = "d.\"date\"";
      join_dates = " JOIN dim_date d ON d.date_id = f.date_id";
    } else if (const auto own = fact.first({"date", "trade_date"})) {
      date_expr = "f." + ident(*own);
    } else {
      problem(std::string(t.fact) + ": no date (date_id with dim_date, or a date column)");
      return {};
    }
    const std::string pk = fact.primary_key.empty() ? "f.rowid" : "f." + ident(fact.primary_key);
    const auto volume = fact.first({"volume", "trading_volume"});
    const std::string sql =
        "SELECT " + pk + ", " + date_expr + ", dim." + ident(*symbol) + ", " +
        (t.asset_class == pf::AssetClass::stock && dim.has("sector") ? "coalesce(dim.sector, '')" : "''") + ", " +
        (close_expr.find(',') == std::string::npos ? close_expr : "coalesce(" + close_expr + ")") + ", " +
        (volume ? "f." + ident(*volume) : "NULL") + " FROM " + t.fact + " f JOIN " + t.dimension + " dim ON dim." +
        ident(*key) + " = f." + ident(*key) + join_dates + " ORDER BY dim." + ident(*symbol) + ", " + date_expr +
        (fact.has("source_id") ? ", f.source_id" : "") + ", " + pk;
    auto st = db.prepare(sql);
    if (!st.ok()) return st.error();
    std::set<std::pair<std::string, std::string>> seen;  // (ticker, date): the first source wins
    for (;;) {
      auto row = st->step();
      if (!row.ok()) return row.error();
      if (!*row) return {};
      pf::PriceRow r;
      r.line = static_cast<std::size_t>(st->integer(0));
      const std::string day = st->text(1).substr(0, 10);
      r.ticker = st->text(2);
      if (!seen.insert({r.ticker, day}).second) continue;
      const auto d = pf::parse_date(day);
      if (!d) {
        rows_with_bad_dates.push_back({r.line, std::string(t.fact) + " row " + std::to_string(r.line) +
                                                   ": bad date '" + st->text(1) + "'"});
        continue;
      }
      r.date = *d;
      r.sector = st->text(3);
      r.asset_class = t.asset_class;
      r.close = st->real(4);
      r.volume = st->real(5);
      rows.push_back(std::move(r));
    }
  }
  std::vector<pf::ImportIssue> rows_with_bad_dates;
};

pf::ImportReport failed(std::vector<pf::ImportIssue> issues) {
  pf::ImportReport r;
  r.issue_count = issues.size();
  r.issues = std::move(issues);
  return r;
}

}  // namespace

pf::ImportReport read_aggregator(const std::string& path, const pf::CsvImportOptions& options) {
  auto db = Database::open_read_only(path);
  if (!db.ok()) return failed({{0, db.error().message}});
  if (auto check = db->query("PRAGMA quick_check"); !check.ok())
    return failed({{0, path + " is not a readable SQLite database: " + check.error().message}});
  Reader reader{*db, {}, {}, {}};
  auto dates = columns_of(*db, "dim_date");
  if (!dates.ok()) return failed({{0, dates.error().message}});
  std::size_t tables = 0;
  for (const FactTable& t : kFacts) {
    auto fact = columns_of(*db, t.fact);
    auto dim = columns_of(*db, t.dimension);
    if (!fact.ok() || !dim.ok()) return failed({{0, (fact.ok() ? dim.error() : fact.error()).message}});
    if (!*fact) continue;
    ++tables;
    if (!*dim) {
      reader.problem(std::string(t.fact) + " has no dimension table " + t.dimension);
      continue;
    }
    if (Status s = reader.read(t, **fact, **dim, *dates); !s.ok()) return failed({{0, s.error().message}});
  }
  if (tables == 0)
    return failed({{0, path + " has none of fact_stock_price, fact_crypto_price, fact_bond_price, fact_commodity_price"}});
  if (!reader.problems.empty()) return failed(std::move(reader.problems));
  pf::ImportReport report = pf::import_price_rows(reader.rows, options);
  if (!reader.rows_with_bad_dates.empty()) {
    // Dates the engine never saw: reported like its own row issues, under the same mode.
    report.issue_count += reader.rows_with_bad_dates.size();
    report.rows_read += reader.rows_with_bad_dates.size();
    report.issues.insert(report.issues.begin(), reader.rows_with_bad_dates.begin(), reader.rows_with_bad_dates.end());
    if (options.mode == pf::ImportMode::strict) report.panel.reset();
  }
  return report;
}

}  // namespace finsim::server
