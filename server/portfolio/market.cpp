#include "market.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/portfolio_json.hpp"

namespace finsim::server {
namespace {

using store::Database;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool same_close(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

/// The panel and asset ids of one market, from its stored rows.
Status load_panel(Database& db, Market& m) {
  std::vector<pf::Asset> assets;
  auto st = db.prepare("SELECT id, ticker, asset_class, sector FROM assets WHERE market_id = ? ORDER BY id");
  if (!st.ok()) return st.error();
  st->bind(1, m.id);
  std::map<std::int64_t, std::size_t> column;
  const Status each_status = st->each([&] {
    column[st->integer(0)] = assets.size();
    m.asset_ids.push_back(st->integer(0));
    assets.push_back({st->text(1), pf::parse_asset_class(st->text(2)).value_or(pf::AssetClass::stock), st->text(3)});
  });
  if (!each_status.ok()) return each_status.error();
  std::vector<pf::Date> dates;
  std::vector<pf::MarketConditions> conditions;
  auto bars = db.prepare("SELECT date, coalesce(regime, ''), stress, jump FROM market_bars WHERE market_id = ? ORDER BY date");
  if (!bars.ok()) return bars.error();
  bars->bind(1, m.id);
  for (;;) {
    auto row = bars->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    const auto d = pf::parse_date(bars->text(0));
    if (!d) return make_error("store", "market " + m.name + ": bad date '" + bars->text(0) + "'");
    dates.push_back(*d);
    m.regimes.push_back(bars->text(1));
  }
  std::vector<double> closes(dates.size() * assets.size(), kNaN), volumes(closes.size(), kNaN);
  bool any_volume = false;
  auto prices = db.prepare(
      "SELECT p.asset_id, p.date, p.close, p.volume FROM prices p JOIN assets a ON a.id = p.asset_id "
      "WHERE a.market_id = ?");
  if (!prices.ok()) return prices.error();
  prices->bind(1, m.id);
  const Status price_status = prices->each([&] {
    const auto d = pf::parse_date(prices->text(1));
    const auto it = d ? std::lower_bound(dates.begin(), dates.end(), *d) : dates.end();
    if (it == dates.end() || *it != *d) return;  // a price on a date with no bar is not part of the market
    const std::size_t cell = static_cast<std::size_t>(it - dates.begin()) * assets.size() + column[prices->integer(0)];
    closes[cell] = prices->real(2);
    volumes[cell] = prices->real(3);
    any_volume = any_volume || !std::isnan(volumes[cell]);
  });
  if (!price_status.ok()) return price_status.error();
  auto panel = pf::PricePanel::create(std::move(assets), std::move(dates), std::move(closes),
                                      any_volume ? std::move(volumes) : std::vector<double>{});
  if (!panel.ok()) return make_error("store", "market " + m.name + ": " + panel.error().message);
  m.panel = std::make_shared<const pf::PricePanel>(std::move(panel).value());
  return {};
}

/// Replays a simulated market's stored conditions from its seed; keeps the generator only when it
/// reproduces the stored last bar exactly.
Status restore_simulator(Database& db, Market& m) {
  if (m.kind != "simulated" || !m.seed || !m.has_bars()) return {};
  auto sim = pf::MarketSimulator::create(pf::default_market_config(), *m.seed);
  if (!sim.ok()) return {};
  auto st = db.prepare("SELECT stress, jump FROM market_bars WHERE market_id = ? ORDER BY date");
  if (!st.ok()) return st.error();
  st->bind(1, m.id);
  bool first = true;
  const Status each_status = st->each([&] {
    if (!first) sim->step({st->real(0), st->real(1)});
    first = false;
  });
  if (!each_status.ok()) return each_status.error();
  const pf::PricePanel& p = *m.panel;
  const std::size_t last = p.bar_count() - 1;
  bool same = sim->date() == p.date(last) && sim->assets().size() == p.asset_count();
  for (std::size_t a = 0; same && a < p.asset_count(); ++a)
    same = sim->assets()[a].ticker == p.asset(a).ticker && same_close(sim->closes()[a], p.close(last, a));
  if (same) m.simulator = std::move(sim).value();
  return {};
}

Status insert_bar(Database& db, const Market& m, pf::Date date, const std::string& regime,
                  const pf::MarketConditions& c) {
  auto st = db.prepare("INSERT INTO market_bars (market_id, date, regime, stress, jump) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT (market_id, date) DO NOTHING");
  if (!st.ok()) return st.error();
  st->bind(1, m.id).bind(2, pf::format_date(date)).bind(4, c.stress).bind(5, c.jump);
  if (regime.empty()) st->bind_null(3);
  else st->bind(3, regime);
  return st->run();
}

/// A simulated bar's closes and volumes (imports store theirs through import_store.hpp).
Status insert_prices(Database& db, std::span<const std::int64_t> asset_ids, pf::Date date,
                     std::span<const double> closes, std::span<const double> volumes) {
  auto st = db.prepare("INSERT INTO prices (asset_id, date, close, volume) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (asset_id, date) DO UPDATE SET close = excluded.close, volume = excluded.volume");
  if (!st.ok()) return st.error();
  const std::string day = pf::format_date(date);
  for (std::size_t a = 0; a < closes.size(); ++a) {
    if (std::isnan(closes[a])) continue;  // missing: no row
    st->bind(1, asset_ids[a]).bind(2, day).bind(3, closes[a]).bind(4, a < volumes.size() ? volumes[a] : kNaN);
    if (Status s = st->run(); !s.ok()) return s;
  }
  return {};
}

Result<std::int64_t> insert_asset(Database& db, std::int64_t market, const pf::Asset& a) {
  auto st = db.prepare("INSERT INTO assets (market_id, ticker, asset_class, sector) VALUES (?, ?, ?, ?)");
  if (!st.ok()) return st.error();
  st->bind(1, market).bind(2, a.ticker).bind(3, pf::asset_class_name(a.asset_class)).bind(4, a.sector);
  if (Status s = st->run(); !s.ok()) return s.error();
  return db.last_insert_rowid();
}

Result<std::int64_t> insert_market(Database& db, const std::string& name, const std::string& kind,
                                   std::optional<std::uint64_t> seed, const std::string& source) {
  auto st = db.prepare("INSERT INTO markets (name, kind, seed, source) VALUES (?, ?, ?, ?)");
  if (!st.ok()) return st.error();
  st->bind(1, name).bind(2, kind).bind(4, source);
  if (seed) st->bind(3, static_cast<std::int64_t>(*seed));
  else st->bind_null(3);
  if (Status s = st->run(); !s.ok()) {
    if (store::is_unique_violation(s.error()))
      return make_error("conflict", "a market called '" + name + "' exists already");
    return s.error();
  }
  return db.last_insert_rowid();
}

/// Reads one market back after it was written (the same code path as at start).
Result<Market> reload(Database& db, std::int64_t id) {
  auto one = load_markets(db, id);
  if (!one.ok()) return one.error();
  if (one->empty()) return make_error("store", "market " + std::to_string(id) + " vanished");
  return std::move(one->front());
}

}  // namespace

void Market::set_clock(std::size_t bar) {
  clock = bar;
  visible = has_bars() ? std::make_shared<const pf::PricePanel>(panel->slice_bars(0, bar + 1)) : panel;
}

Result<std::vector<Market>> load_markets(Database& db, std::optional<std::int64_t> only) {
  std::vector<Market> out;
  // A market without a clock is an import still being stored (import_store.hpp): not a market yet.
  auto st = db.prepare("SELECT id, name, kind, seed, source, coalesce(linked_session, ''), created_at, clock "
                       "FROM markets WHERE clock IS NOT NULL AND (CAST(?1 AS INTEGER) IS NULL OR id = ?1) ORDER BY id");
  if (!st.ok()) return st.error();
  st->bind(1, only);
  std::vector<std::optional<std::string>> clocks;
  const Status each_status = st->each([&] {
    Market m;
    m.id = st->integer(0);
    m.name = st->text(1);
    m.kind = st->text(2);
    if (!st->is_null(3)) m.seed = static_cast<std::uint64_t>(st->integer(3));
    m.source = st->text(4);
    m.linked_session = st->text(5);
    m.created_at = st->text(6);
    clocks.push_back(st->optional_text(7));
    out.push_back(std::move(m));
  });
  if (!each_status.ok()) return each_status.error();
  for (std::size_t i = 0; i < out.size(); ++i) {
    Market& m = out[i];
    if (Status s = load_panel(db, m); !s.ok()) return s.error();
    std::size_t clock = m.has_bars() ? m.panel->bar_count() - 1 : 0;
    if (clocks[i] && m.has_bars())
      if (const auto d = pf::parse_date(*clocks[i])) clock = std::max<std::size_t>(m.panel->bars_through(*d), 1) - 1;
    m.set_clock(clock);
    if (Status s = restore_simulator(db, m); !s.ok()) return s.error();
  }
  return out;
}

Market imported_market(std::int64_t id, const std::string& name, const std::string& source,
                       const std::string& created_at, const pf::PricePanel& panel, std::vector<std::int64_t> asset_ids,
                       std::size_t clock_bar) {
  Market m;
  m.id = id;
  m.name = name;
  m.kind = "imported";
  m.source = source;
  m.created_at = created_at;
  bool any_volume = false;
  for (std::size_t b = 0; panel.has_volumes() && !any_volume && b < panel.bar_count(); ++b)
    for (std::size_t a = 0; !any_volume && a < panel.asset_count(); ++a) any_volume = !std::isnan(panel.volume(b, a));
  if (any_volume) {
    m.panel = std::make_shared<const pf::PricePanel>(panel);
  } else {
    std::vector<double> closes;
    closes.reserve(panel.bar_count() * panel.asset_count());
    for (std::size_t b = 0; b < panel.bar_count(); ++b)
      closes.insert(closes.end(), panel.bar_closes(b).begin(), panel.bar_closes(b).end());
    m.panel = std::make_shared<const pf::PricePanel>(
        pf::PricePanel::create(panel.assets(), panel.dates(), std::move(closes)).value());
  }
  m.asset_ids = std::move(asset_ids);
  m.regimes.assign(panel.bar_count(), "");
  m.set_clock(clock_bar);
  return m;
}

Result<Market> create_simulated_market(Database& db, const std::string& name, std::uint64_t seed, std::size_t bars) {
  if (bars < 1) return make_error("out_of_range", "a market needs at least one bar");
  auto sim = pf::MarketSimulator::create(pf::default_market_config(), seed);
  if (!sim.ok()) return sim.error();
  auto id = insert_market(db, name, "simulated", seed, "simulated, seed " + std::to_string(seed));
  if (!id.ok()) return id.error();
  std::vector<std::int64_t> asset_ids;
  for (const pf::Asset& a : sim->assets()) {
    auto aid = insert_asset(db, *id, a);
    if (!aid.ok()) return aid.error();
    asset_ids.push_back(*aid);
  }
  Market shell;
  shell.id = *id;
  for (std::size_t t = 0; t < bars; ++t) {
    if (t > 0) sim->step({});
    if (Status s = insert_bar(db, shell, sim->date(), std::string(pf::regime_name(sim->regime())), {}); !s.ok())
      return s.error();
    if (Status s = insert_prices(db, asset_ids, sim->date(), sim->closes(), sim->volumes()); !s.ok()) return s.error();
  }
  auto clock = db.prepare("UPDATE markets SET clock = ? WHERE id = ?");
  if (!clock.ok()) return clock.error();
  clock->bind(1, pf::format_date(sim->date())).bind(2, *id);
  if (Status s = clock->run(); !s.ok()) return s.error();
  return reload(db, *id);
}

Status extend_simulated_market(Database& db, Market& m, const pf::MarketConditions& conditions) {
  if (m.kind != "simulated") return make_error("conflict", "market '" + m.name + "' is imported: it has no later bar");
  if (!m.simulator)
    return make_error("conflict", "market '" + m.name + "' cannot be extended: this engine's market model no longer "
                                  "reproduces its stored prices");
  pf::MarketSimulator next = *m.simulator;
  next.step(conditions);
  const std::string regime(pf::regime_name(next.regime()));
  if (Status s = insert_bar(db, m, next.date(), regime, conditions); !s.ok()) return s;
  if (Status s = insert_prices(db, m.asset_ids, next.date(), next.closes(), next.volumes()); !s.ok()) return s;
  // The new panel: the stored bars plus this one (a market stored before volumes has none before it).
  const pf::PricePanel& old = *m.panel;
  std::vector<pf::Date> dates = old.dates();
  dates.push_back(next.date());
  std::vector<double> closes, volumes;
  closes.reserve(dates.size() * old.asset_count());
  volumes.reserve(closes.capacity());
  for (std::size_t t = 0; t < old.bar_count(); ++t) {
    closes.insert(closes.end(), old.bar_closes(t).begin(), old.bar_closes(t).end());
    for (std::size_t a = 0; a < old.asset_count(); ++a) volumes.push_back(old.volume(t, a));
  }
  closes.insert(closes.end(), next.closes().begin(), next.closes().end());
  volumes.insert(volumes.end(), next.volumes().begin(), next.volumes().end());
  auto panel = pf::PricePanel::create(old.assets(), std::move(dates), std::move(closes), std::move(volumes));
  if (!panel.ok()) return make_error("store", panel.error().message);
  Market updated = m;
  updated.panel = std::make_shared<const pf::PricePanel>(std::move(panel).value());
  updated.regimes.push_back(regime);
  updated.simulator = std::move(next);
  updated.set_clock(updated.panel->bar_count() - 1);
  if (Status s = store_clock(db, updated); !s.ok()) return s;
  m = std::move(updated);
  return {};
}

Status store_clock(Database& db, const Market& m) {
  auto st = db.prepare("UPDATE markets SET clock = ? WHERE id = ?");
  if (!st.ok()) return st.error();
  st->bind(1, pf::format_date(m.clock_date())).bind(2, m.id);
  return st->run();
}

nlohmann::json market_to_json(const Market& m) {
  using nlohmann::json;
  const bool bars = m.has_bars();
  auto date_at = [&](std::size_t b) { return bars ? json(pf::format_date(m.panel->date(b))) : json(nullptr); };
  return {{"id", m.id},
          {"name", m.name},
          {"kind", m.kind},
          {"seed", m.seed ? json(*m.seed) : json(nullptr)},
          {"source", m.source},
          {"current_date", date_at(m.clock)},
          {"first_date", date_at(0)},
          {"last_date", bars ? date_at(m.panel->bar_count() - 1) : json(nullptr)},
          {"bars", m.panel->bar_count()},
          {"bar", m.panel->intraday() ? "intraday" : "day"},  // what one bar is: dates carry a time when intraday
          {"visible_bars", m.visible->bar_count()},
          {"bars_ahead", m.bars_ahead()},
          {"assets", m.panel->asset_count()},
          {"regime", bars && !m.regimes[m.clock].empty() ? json(m.regimes[m.clock]) : json(nullptr)},
          {"linked_session", m.linked_session.empty() ? json(nullptr) : json(m.linked_session)},
          {"extendable", m.simulator.has_value()},
          {"has_volumes", m.panel->has_volumes()},  // what volume-based fills and impact need (participation.hpp)
          {"created_at", m.created_at}};
}

}  // namespace finsim::server
