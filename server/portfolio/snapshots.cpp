#include "snapshots.hpp"

#include <nlohmann/json.hpp>

namespace finsim::server {

namespace pf = finsim::portfolio;

Result<SnapshotSeries> load_snapshots(store::Database& db, std::int64_t portfolio_id, std::optional<pf::Date> from,
                                      std::optional<pf::Date> to, bool with_allocation) {
  auto st = db.prepare(
      "SELECT date, cash, holdings_value, nav, CASE WHEN ? THEN allocation END FROM nav_snapshots "
      "WHERE portfolio_id = ? AND (? IS NULL OR date >= ?) AND (? IS NULL OR date <= ?) ORDER BY date");
  if (!st.ok()) return st.error();
  st->bind(1, with_allocation).bind(2, portfolio_id);
  if (from) st->bind(3, pf::format_date(*from)).bind(4, pf::format_date(*from));
  if (to) st->bind(5, pf::format_date(*to)).bind(6, pf::format_date(*to));
  SnapshotSeries out;
  const Status each_status = st->each([&] {
    pf::NavSnapshot s;
    s.date = pf::parse_date(st->text(0)).value_or(pf::Date{});
    s.bar = out.nav.size();
    s.cash = st->real(1);
    s.holdings_value = st->real(2);
    s.nav = st->real(3);
    out.nav.push_back(s);
    if (with_allocation) out.allocation.push_back(st->text(4));
  });
  if (!each_status.ok()) return each_status.error();
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
