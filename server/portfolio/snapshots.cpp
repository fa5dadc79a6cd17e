#include "snapshots.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "stored_dates.hpp"

namespace finsim::server {

namespace pf = finsim::portfolio;

namespace {

/// Appends `s` (dated `date`) unless it falls outside [from, to].
void keep(SnapshotSeries& out, pf::NavSnapshot s, pf::Date date, const std::string* allocation,
          std::optional<pf::Date> from, std::optional<pf::Date> to) {
  if ((from && date < pf::range_start(*from)) || (to && *to < date)) return;
  s.date = date;
  s.bar = out.nav.size();
  out.nav.push_back(s);
  if (allocation) out.allocation.push_back(*allocation);
}

}  // namespace

Result<SnapshotSeries> load_snapshots(store::Database& db, const Ledger& l, const Market& m,
                                      std::optional<pf::Date> from, std::optional<pf::Date> to, bool with_allocation) {
  // Rows up to `to`, from the first: the row before `from` may be carried into it.
  auto st = db.prepare(
      "SELECT date, cash, holdings_value, nav, CASE WHEN ?1 <> 0 THEN allocation END FROM nav_snapshots "
      "WHERE portfolio_id = ?2 AND (CAST(?3 AS TEXT) IS NULL OR date <= ?3) ORDER BY date");
  if (!st.ok()) return st.error();
  st->bind(1, with_allocation).bind(2, l.info.id);
  if (to) st->bind(3, through_text(*to));
  std::vector<pf::NavSnapshot> rows;
  std::vector<std::string> allocations;
  const Status each_status = st->each([&] {
    pf::NavSnapshot s;
    s.date = pf::parse_date(st->text(0)).value_or(pf::Date{});
    s.cash = st->real(1);
    s.holdings_value = st->real(2);
    s.nav = st->real(3);
    rows.push_back(s);
    if (with_allocation) allocations.push_back(st->text(4));
  });
  if (!each_status.ok()) return each_status.error();

  SnapshotSeries out;
  const bool fills_idle_bars = l.live() && m.has_bars();
  auto bar_of = [&](pf::Date d) { return std::max<std::size_t>(m.panel->bars_through(d), 1) - 1; };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string* allocation = with_allocation ? &allocations[i] : nullptr;
    keep(out, rows[i], rows[i].date, allocation, from, to);
    if (!fills_idle_bars) continue;
    // The idle bars after this row: up to the next row, or for an active portfolio to its as-of bar.
    const bool last = i + 1 == rows.size();
    if (last && !l.active()) break;
    const std::size_t end = last ? l.as_of(m) + 1 : bar_of(rows[i + 1].date);
    for (std::size_t b = bar_of(rows[i].date) + 1; b < end; ++b) {
      const pf::Date date = m.panel->date(b);
      if (to && *to < date) break;
      keep(out, rows[i], date, allocation, from, to);
    }
  }
  return out;
}

void date_drawdown_episodes(nlohmann::json& episodes, const std::vector<pf::NavSnapshot>& nav) {
  auto date_at = [&](const nlohmann::json& position) -> nlohmann::json {
    if (!position.is_number_unsigned()) return nullptr;
    const auto i = position.get<std::size_t>();
    return i < nav.size() ? nlohmann::json(pf::format_date(nav[i].date)) : nlohmann::json(nullptr);
  };
  for (nlohmann::json& e : episodes) {
    e["peak_date"] = date_at(e["peak"]);
    e["trough_date"] = date_at(e["trough"]);
    e["recovery_date"] = date_at(e["recovery"]);
  }
}

}  // namespace finsim::server
