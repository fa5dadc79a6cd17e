#include "import_store.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "finsim/portfolio/price_panel.hpp"

namespace finsim::server {
namespace {

namespace pf = finsim::portfolio;
using store::Database;
using Clock = std::chrono::steady_clock;

Status run(Database& db, const char* sql, std::int64_t a, std::int64_t b = 0) {
  auto st = db.prepare(sql);
  if (!st.ok()) return st.error();
  st->bind(1, a);
  if (b != 0) st->bind(2, b);
  return st->run();
}

}  // namespace

Result<HiddenMarket> create_hidden_market(Database& db, const std::string& name, const std::string& source,
                                          const pf::PricePanel& panel) {
  HiddenMarket m;
  auto st = db.prepare("INSERT INTO markets (name, kind, source) VALUES (?, 'imported', ?) RETURNING id, created_at");
  if (!st.ok()) return st.error();
  st->bind(1, name).bind(2, source);
  auto row = st->step();
  if (!row.ok()) {
    if (store::is_unique_violation(row.error()))
      return make_error("conflict", "a market called '" + name + "' exists already (or is being imported)");
    return row.error();
  }
  m.id = st->integer(0);
  m.created_at = st->text(1);
  if (Status done = st->run(); !done.ok()) return done.error();
  auto asset = db.prepare("INSERT INTO assets (market_id, ticker, asset_class, sector) VALUES (?, ?, ?, ?)");
  if (!asset.ok()) return asset.error();
  for (const pf::Asset& a : panel.assets()) {
    asset->bind(1, m.id).bind(2, a.ticker).bind(3, pf::asset_class_name(a.asset_class)).bind(4, a.sector);
    if (Status s = asset->run(); !s.ok()) return s.error();
    m.asset_ids.push_back(db.last_insert_rowid());
  }
  auto bar = db.prepare("INSERT INTO market_bars (market_id, date) VALUES (?, ?)");
  if (!bar.ok()) return bar.error();
  for (const pf::Date d : panel.dates()) {
    bar->bind(1, m.id).bind(2, pf::format_date(d));
    if (Status s = bar->run(); !s.ok()) return s.error();
  }
  return m;
}

namespace {

/// Prices go in 256 rows per INSERT: on PostgreSQL each statement is a round trip to the server (one
/// row each made a 1,000,000-price import take 90 s; docs/deploy.md), and SQLite is no slower for it.
constexpr std::size_t kPricesPerInsert = 256;

struct PriceRow {
  std::int64_t asset_id;
  std::string date;
  double close, volume;
};

std::string insert_prices_sql(std::size_t rows) {
  std::string sql = "INSERT INTO prices (asset_id, date, close, volume) VALUES ";
  for (std::size_t r = 0; r < rows; ++r) sql += r ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)";
  return sql;
}

/// Writes `rows`: full batches in one statement each, the rest one by one.
Status insert_prices(Database& db, const std::vector<PriceRow>& rows) {
  std::size_t at = 0;
  const auto bind_run = [&](store::Statement& st, std::size_t count) -> Status {
    for (std::size_t r = 0; r < count; ++r, ++at) {
      const int first = static_cast<int>(r * 4);
      st.bind(first + 1, rows[at].asset_id).bind(first + 2, rows[at].date).bind(first + 3, rows[at].close);
      st.bind(first + 4, rows[at].volume);
    }
    return st.run();
  };
  if (rows.size() >= kPricesPerInsert) {
    static const std::string batch_sql = insert_prices_sql(kPricesPerInsert);
    auto batch = db.prepare(batch_sql);
    if (!batch.ok()) return batch.error();
    while (rows.size() - at >= kPricesPerInsert)
      if (Status s = bind_run(*batch, kPricesPerInsert); !s.ok()) return s;
  }
  if (at == rows.size()) return {};
  auto one = db.prepare(insert_prices_sql(1));
  if (!one.ok()) return one.error();
  while (at < rows.size())
    if (Status s = bind_run(*one, 1); !s.ok()) return s;
  return {};
}

}  // namespace

Result<bool> store_price_slice(Database& db, HiddenMarket& m, const pf::PricePanel& panel,
                               std::chrono::milliseconds budget) {
  const std::size_t bars = panel.bar_count(), cells = bars * panel.asset_count();
  const auto end = Clock::now() + budget;
  std::vector<PriceRow> rows;
  rows.reserve(kPricesPerInsert);
  for (std::size_t done = 0; m.next_cell < cells; ++m.next_cell, ++done) {
    if (done % 512 == 511 && Clock::now() >= end) {
      if (Status s = insert_prices(db, rows); !s.ok()) return s.error();
      return false;
    }
    const std::size_t asset = m.next_cell / bars, bar = m.next_cell % bars;
    const double close = panel.close(bar, asset);
    const double volume = panel.has_volumes() ? panel.volume(bar, asset) : std::nan("");
    if (std::isnan(close) && std::isnan(volume)) continue;  // missing: no row
    rows.push_back({m.asset_ids[asset], pf::format_date(panel.date(bar)), close, volume});
    if (rows.size() == kPricesPerInsert) {
      if (Status s = insert_prices(db, rows); !s.ok()) return s.error();
      rows.clear();
    }
  }
  if (Status s = insert_prices(db, rows); !s.ok()) return s.error();
  return true;
}

Status reveal_market(Database& db, const HiddenMarket& m, const pf::PricePanel& panel, std::size_t clock_bar) {
  auto st = db.prepare("UPDATE markets SET clock = ? WHERE id = ?");
  if (!st.ok()) return st.error();
  st->bind(1, pf::format_date(panel.date(clock_bar))).bind(2, m.id);
  return st->run();
}

Status merge_hidden_market(Database& db, const HiddenMarket& m, const std::string& name, std::int64_t target,
                           const std::string& source) {
  if (Status s = run(db,
                     "INSERT INTO assets (market_id, ticker, asset_class, sector) SELECT ?2, s.ticker, s.asset_class, "
                     "s.sector FROM assets s WHERE s.market_id = ?1 AND NOT EXISTS (SELECT 1 FROM assets t WHERE "
                     "t.market_id = ?2 AND t.ticker = s.ticker) ORDER BY s.id",
                     m.id, target);
      !s.ok())
    return s;
  if (Status s = run(db,
                     "INSERT INTO market_bars (market_id, date, regime, stress, jump) SELECT ?2, date, regime, stress, "
                     "jump FROM market_bars WHERE market_id = ?1 ON CONFLICT (market_id, date) DO NOTHING",
                     m.id, target);
      !s.ok())
    return s;
  if (Status s = run(db,
                     "INSERT INTO prices (asset_id, date, close, volume) SELECT t.id, p.date, p.close, p.volume FROM "
                     "prices p JOIN assets s ON s.id = p.asset_id JOIN assets t ON t.market_id = ?2 AND t.ticker = "
                     "s.ticker WHERE s.market_id = ?1 ON CONFLICT (asset_id, date) DO UPDATE SET close = "
                     "excluded.close, volume = excluded.volume",
                     m.id, target);
      !s.ok())
    return s;
  if (Status s = drop_hidden_market(db, m.id, name); !s.ok()) return s;
  auto st = db.prepare("UPDATE markets SET source = source || '; ' || ? WHERE id = ?");
  if (!st.ok()) return st.error();
  st->bind(1, source).bind(2, target);
  return st->run();
}

Status drop_hidden_market(Database& db, std::int64_t id, const std::string& name) {
  auto hidden = db.prepare("SELECT count(*) FROM markets WHERE id = ? AND name = ? AND clock IS NULL");
  if (!hidden.ok()) return hidden.error();
  hidden->bind(1, id).bind(2, name);
  if (auto row = hidden->step(); !row.ok()) return row.error();
  const bool exists = hidden->integer(0) == 1;
  (void)hidden->step();
  if (!exists) return {};
  for (const char* sql : {"DELETE FROM prices WHERE asset_id IN (SELECT id FROM assets WHERE market_id = ?1)",
                          "DELETE FROM market_bars WHERE market_id = ?1", "DELETE FROM assets WHERE market_id = ?1",
                          "DELETE FROM markets WHERE id = ?1 AND clock IS NULL"})
    if (Status s = run(db, sql, id); !s.ok()) return s;
  return {};
}

Status drop_hidden_markets(Database& db) {
  auto st = db.prepare("SELECT id, name FROM markets WHERE clock IS NULL");
  if (!st.ok()) return st.error();
  std::vector<std::pair<std::int64_t, std::string>> hidden;
  if (Status s = st->each([&] { hidden.emplace_back(st->integer(0), st->text(1)); }); !s.ok()) return s;
  for (const auto& [id, name] : hidden)
    if (Status s = drop_hidden_market(db, id, name); !s.ok()) return s;
  return {};
}

}  // namespace finsim::server
