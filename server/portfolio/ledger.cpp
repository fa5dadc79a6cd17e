#include "ledger.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/holdings.hpp"
#include "finsim/portfolio/money.hpp"
#include "finsim/portfolio/portfolio_json.hpp"

namespace finsim::server {
namespace {

using store::Database;

std::optional<pf::Date> date_or_none(const std::optional<std::string>& text) {
  return text ? pf::parse_date(*text) : std::nullopt;
}

// A portfolio's setting stored in the engine's JSON form (its slippage model, its margin), read back by
// `read` (the engine's from_json); `what` names it in the error.
template <class Read>
auto read_stored(const std::string& text, const std::string& what, Read read) -> decltype(read(nlohmann::json{})) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return make_error("store", "its " + what + " is not JSON");
  return read(j);
}

Result<std::vector<PortfolioInfo>> load_infos(Database& db) {
  auto st = db.prepare(
      "SELECT p.id, p.name, p.kind, p.status, p.model, p.market_id, p.fee_structure_id, p.initial_capital, "
      "p.allow_short, p.fractional, p.opened_on, p.created_at, p.archived_at, "
      "(SELECT max(date) FROM nav_snapshots s WHERE s.portfolio_id = p.id), p.slippage, p.max_participation, p.margin "
      "FROM portfolios p ORDER BY p.id");
  if (!st.ok()) return st.error();
  std::vector<PortfolioInfo> out;
  std::optional<Error> bad;
  const Status each_status = st->each([&] {
    if (bad) return;
    PortfolioInfo p;
    p.id = st->integer(0);
    p.name = st->text(1);
    p.kind = st->text(2);
    p.status = st->text(3);
    p.model = st->text(4);
    p.market_id = st->integer(5);
    p.fee_structure_id = st->integer(6);
    p.initial_capital = st->real(7);
    p.rules.allow_short = st->integer(8) != 0;
    p.rules.fractional = st->integer(9) != 0;
    p.opened_on = pf::parse_date(st->text(10)).value_or(pf::Date{});
    p.created_at = st->text(11);
    p.archived_at = st->optional_text(12);
    if (p.kind == "backtest") p.closed_on = date_or_none(st->optional_text(13));
    auto slippage = read_stored(st->text(14), "slippage model", pf::slippage_from_json);
    auto margin = read_stored(st->text(16), "margin", [](const nlohmann::json& j) { return pf::margin_from_json(j); });
    if (!slippage.ok() || !margin.ok()) {
      const Error& e = !slippage.ok() ? slippage.error() : margin.error();
      bad = make_error("store", "portfolio " + std::to_string(p.id) + ": " + e.message);
      return;
    }
    p.rules.slippage = *slippage;
    p.rules.max_participation = st->real(15);
    p.rules.margin = *margin;
    out.push_back(std::move(p));
  });
  if (!each_status.ok()) return each_status.error();
  if (bad) return *bad;
  return out;
}

/// Each portfolio's stored ledger entries, in id order (their booking order).
using StoredEntries = std::map<std::int64_t, std::vector<std::pair<std::int64_t, pf::LedgerEntry>>>;

Result<StoredEntries> load_entries(Database& db, const Ledgers& ledgers, const std::map<std::int64_t, Market>& markets) {
  auto st = db.prepare(
      "SELECT id, portfolio_id, kind, date, ticker, amount, quantity, price, days, after_fills FROM ledger_entries "
      "ORDER BY id");
  if (!st.ok()) return st.error();
  StoredEntries out;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    const std::int64_t portfolio = st->integer(1);
    const auto l = ledgers.find(portfolio);
    const auto kind = pf::ledger_kind_from_name(st->text(2));
    const auto date = pf::parse_date(st->text(3));
    if (l == ledgers.end() || !kind || !date)
      return make_error("store", "ledger entry " + std::to_string(st->integer(0)) + " is not readable");
    pf::LedgerEntry e;
    e.kind = *kind;
    e.date = *date;
    e.ticker = st->optional_text(4).value_or("");
    e.amount = st->real(5);
    e.quantity = st->real(6);
    e.price = st->real(7);
    e.days = static_cast<int>(st->integer(8));
    e.after_fills = static_cast<std::size_t>(st->integer(9));
    const Market& m = markets.at(l->second.info.market_id);
    e.bar = std::max<std::size_t>(m.panel->bars_through(e.date), 1) - 1;
    out[portfolio].emplace_back(st->integer(0), std::move(e));
  }
  return out;
}

/// Applies `l`'s stored entries due before its next fill (all that remain with `all`).
void apply_due_entries(Ledger& l, std::vector<std::pair<std::int64_t, pf::LedgerEntry>>& stored, std::size_t& next,
                       bool all) {
  for (; next < stored.size() && (all || stored[next].second.after_fills <= l.state.fill_count); ++next) {
    pf::apply_entry(l.state, stored[next].second);
    l.entries.push_back(stored[next].second);
    l.entry_ids.push_back(stored[next].first);
  }
}

Status load_fills(Database& db, Ledgers& ledgers, const std::map<std::int64_t, Market>& markets) {
  auto entries = load_entries(db, ledgers, markets);
  if (!entries.ok()) return entries.error();
  std::map<std::int64_t, std::size_t> applied;
  auto st = db.prepare(
      "SELECT id, portfolio_id, ticker, side, quantity, price, date, order_date, trade_value, fee, net_cash, model, "
      "signal_id, confidence, reference_price, slippage FROM fills ORDER BY id");
  if (!st.ok()) return st.error();
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    Ledger& l = ledgers.at(st->integer(1));
    pf::Fill f;
    f.ticker = st->text(2);
    f.side = pf::parse_side(st->text(3)).value_or(pf::Side::buy);
    f.quantity = st->real(4);
    f.price = st->real(5);
    f.date = pf::parse_date(st->text(6)).value_or(pf::Date{});
    f.order_date = pf::parse_date(st->text(7)).value_or(pf::Date{});
    f.trade_value = st->real(8);
    f.fee = st->real(9);
    f.net_cash = st->real(10);
    f.model = st->text(11);
    f.signal_id = st->text(12);
    f.confidence = st->is_null(13) ? -1.0 : st->real(13);
    f.reference_price = st->is_null(14) ? f.price : st->real(14);
    f.slippage = st->real(15);
    const Market& m = markets.at(l.info.market_id);
    if (!m.panel->find(f.ticker))
      return make_error("store", "portfolio " + std::to_string(l.info.id) + ": fill of unknown ticker " + f.ticker);
    apply_due_entries(l, (*entries)[l.info.id], applied[l.info.id], false);
    book_fill(l, m, std::move(f), st->integer(0));
  }
  for (auto& [id, stored] : *entries) apply_due_entries(ledgers.at(id), stored, applied[id], true);
  return {};
}

std::string money(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

/// The stored balances and holdings must be the replay's, to the bit.
Status reconcile(Database& db, const Ledgers& ledgers, const std::map<std::int64_t, Market>& markets) {
  auto bal = db.prepare("SELECT id, cash, realized_pnl, fees_paid, borrow_fees, margin_call_on FROM portfolios");
  if (!bal.ok()) return bal.error();
  for (;;) {
    auto row = bal->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    const Ledger& l = ledgers.at(bal->integer(0));
    const double stored[] = {bal->real(1), bal->real(2), bal->real(3), bal->real(4)};
    const double replay[] = {l.state.cash, l.state.realized_pnl, l.state.fees_paid, l.state.borrow_fees_paid};
    const char* what[] = {"cash", "realized P&L", "fees paid", "borrow fees"};
    for (int i = 0; i < 4; ++i)
      if (stored[i] != replay[i])
        return make_error("store", "portfolio " + std::to_string(l.info.id) + ": stored " + what[i] + " " +
                                       money(stored[i]) + " differs from its fills' replay " + money(replay[i]));
    const auto call = date_or_none(bal->optional_text(5));
    if (call != l.state.margin_call)
      return make_error("store", "portfolio " + std::to_string(l.info.id) + ": stored margin call differs from its ledger's replay");
  }
  auto hold = db.prepare("SELECT portfolio_id, ticker, quantity, cost_basis, realized_pnl FROM holdings");
  if (!hold.ok()) return hold.error();
  std::map<std::int64_t, std::size_t> rows;
  for (;;) {
    auto row = hold->step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    const Ledger& l = ledgers.at(hold->integer(0));
    ++rows[l.info.id];
    const auto a = markets.at(l.info.market_id).panel->find(hold->text(1));
    const pf::Position* p = a ? &l.state.positions[*a] : nullptr;
    if (!p || p->quantity != hold->real(2) || pf::cost_basis(*p) != hold->real(3) || p->realized_pnl != hold->real(4))
      return make_error("store", "portfolio " + std::to_string(l.info.id) + ": stored holding of " + hold->text(1) +
                                     " differs from its fills' replay");
  }
  for (const auto& [id, l] : ledgers) {
    std::size_t traded = 0;
    for (const pf::Position& p : l.state.positions) traded += p.lots.empty() && p.realized_pnl == 0.0 ? 0 : 1;
    if (traded > rows[id])
      return make_error("store", "portfolio " + std::to_string(id) + ": a traded position has no holdings row");
  }
  return {};
}

}  // namespace

std::size_t Ledger::as_of(const Market& market) const {
  if (info.closed_on && market.has_bars())
    return std::max<std::size_t>(market.panel->bars_through(*info.closed_on), 1) - 1;
  return market.clock;
}

bool Ledger::holds_positions() const {
  if (state.fill_count == 0) return false;  // never traded: most portfolios of a crowded server
  return std::any_of(state.positions.begin(), state.positions.end(), [](const pf::Position& p) { return !p.lots.empty(); });
}

pf::PortfolioValuation Ledger::valuation(const Market& market) const {
  if (!market.has_bars()) return pf::value_portfolio(state, std::vector<double>(state.positions.size(), std::nan("")));
  return pf::value_portfolio(state, pf::last_prices(*market.panel, as_of(market)));
}

Result<Ledgers> load_ledgers(Database& db, const std::map<std::int64_t, Market>& markets) {
  auto infos = load_infos(db);
  if (!infos.ok()) return infos.error();
  Ledgers out;
  for (PortfolioInfo& info : *infos) {
    const auto m = markets.find(info.market_id);
    if (m == markets.end()) return make_error("store", "portfolio " + std::to_string(info.id) + ": unknown market");
    Ledger l;
    l.state = pf::open_portfolio(*m->second.panel, info.initial_capital);
    l.info = std::move(info);
    out.emplace(l.info.id, std::move(l));
  }
  if (Status s = load_fills(db, out, markets); !s.ok()) return s.error();
  if (Status s = reconcile(db, out, markets); !s.ok()) return s.error();
  return out;
}

pf::Fill book_fill(pf::PortfolioState& state, std::vector<pf::RoundTrip>& trips, const Market& market, pf::Fill fill) {
  fill.asset = *market.panel->find(fill.ticker);
  fill.bar = std::max<std::size_t>(market.panel->bars_through(fill.date), 1) - 1;
  pf::apply_fill(state, fill, &trips);
  return fill;
}

void book_fill(Ledger& ledger, const Market& market, pf::Fill fill, std::int64_t fill_id) {
  ledger.fills.push_back(book_fill(ledger.state, ledger.trips, market, std::move(fill)));
  ledger.fill_ids.push_back(fill_id);
}

Status store_balances(Database& db, std::int64_t portfolio_id, const pf::PortfolioState& state) {
  auto st = db.prepare(
      "UPDATE portfolios SET cash = ?, realized_pnl = ?, fees_paid = ?, borrow_fees = ?, margin_call_on = ? WHERE id = ?");
  if (!st.ok()) return st.error();
  st->bind(1, state.cash).bind(2, state.realized_pnl).bind(3, state.fees_paid).bind(4, state.borrow_fees_paid);
  if (state.margin_call) st->bind(5, pf::format_date(*state.margin_call));
  else st->bind_null(5);
  st->bind(6, portfolio_id);
  return st->run();
}

Result<std::int64_t> store_entry(Database& db, std::int64_t portfolio_id, const pf::PortfolioState& after,
                                 const pf::LedgerEntry& e, std::optional<std::int64_t> fill_id) {
  auto st = db.prepare(
      "INSERT INTO ledger_entries (portfolio_id, kind, date, ticker, amount, quantity, price, days, after_fills, fill_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.error();
  st->bind(1, portfolio_id).bind(2, std::string(pf::ledger_kind_name(e.kind))).bind(3, pf::format_date(e.date));
  if (e.ticker.empty()) st->bind_null(4);
  else st->bind(4, e.ticker);
  st->bind(5, e.amount).bind(6, e.quantity).bind(7, e.price).bind(8, static_cast<std::int64_t>(e.days));
  st->bind(9, static_cast<std::int64_t>(e.after_fills)).bind(10, fill_id);
  if (Status s = st->run(); !s.ok()) return s.error();
  const std::int64_t id = db.last_insert_rowid();
  if (Status s = store_balances(db, portfolio_id, after); !s.ok()) return s.error();
  return id;
}

nlohmann::json ledger_entry_json(const pf::LedgerEntry& e, std::int64_t id, std::optional<std::int64_t> fill_id) {
  nlohmann::json j = pf::ledger_entry_to_json(e);
  j["id"] = id;
  j["fill_id"] = fill_id ? nlohmann::json(*fill_id) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json ledger_entry_json(const Ledger& l, std::size_t k) {
  const pf::LedgerEntry& e = l.entries[k];
  std::optional<std::int64_t> fill;
  if (e.kind == pf::LedgerKind::liquidation && e.after_fills > 0 && e.after_fills <= l.fill_ids.size())
    fill = l.fill_ids[e.after_fills - 1];
  return ledger_entry_json(e, l.entry_ids[k], fill);
}

nlohmann::json margin_json(const Ledger& l, const Market& m) {
  using nlohmann::json;
  const std::vector<double> prices = m.has_bars() ? pf::last_prices(*m.panel, l.as_of(m))
                                                  : std::vector<double>(l.state.positions.size(), std::nan(""));
  const pf::MarginStatus s = pf::margin_status(l.state, prices, l.info.rules.margin);
  json j = pf::margin_to_json(l.info.rules.margin);
  j["equity"] = pf::round_to_cents(s.equity);  // figures for people, to the cent (the NAV keeps its digits)
  j["short_value"] = pf::round_to_cents(s.short_value);
  j["initial_requirement"] = pf::round_to_cents(s.initial_requirement);
  j["maintenance_requirement"] = pf::round_to_cents(s.maintenance_requirement);
  j["excess"] = pf::round_to_cents(s.excess());
  j["call_since"] = l.state.margin_call ? json(pf::format_date(*l.state.margin_call)) : json(nullptr);
  j["borrow_fees_paid"] = l.state.borrow_fees_paid;
  return j;
}

Result<std::int64_t> store_fill(Database& db, std::int64_t portfolio_id, const pf::PortfolioState& after,
                                const Market& market, const pf::Fill& f, std::optional<std::int64_t> order_id,
                                std::optional<std::int64_t> part_of) {
  auto st = db.prepare(
      "INSERT INTO fills (portfolio_id, order_id, ticker, side, quantity, price, date, order_date, trade_value, fee, "
      "net_cash, cash_after, model, signal_id, confidence, reference_price, slippage, part_of) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.error();
  st->bind(18, part_of);
  st->bind(1, portfolio_id).bind(2, order_id).bind(3, f.ticker).bind(4, pf::side_name(f.side)).bind(5, f.quantity);
  st->bind(6, f.price).bind(7, pf::format_date(f.date)).bind(8, pf::format_date(f.order_date)).bind(9, f.trade_value);
  st->bind(10, f.fee).bind(11, f.net_cash).bind(12, after.cash).bind(13, f.model).bind(14, f.signal_id);
  st->bind(15, f.confidence >= 0.0 ? f.confidence : std::nan(""));
  st->bind(16, f.reference_price > 0.0 ? f.reference_price : f.price).bind(17, f.slippage);
  if (Status s = st->run(); !s.ok()) return s.error();
  const std::int64_t id = db.last_insert_rowid();
  const pf::Position& p = after.positions[f.asset];
  auto pos = db.prepare(
      "INSERT INTO holdings (portfolio_id, asset_id, ticker, quantity, cost_basis, realized_pnl, opened_on, opened_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (portfolio_id, asset_id) DO UPDATE SET quantity = excluded.quantity, "
      "cost_basis = excluded.cost_basis, realized_pnl = excluded.realized_pnl, opened_on = excluded.opened_on, "
      "opened_by = excluded.opened_by");
  if (!pos.ok()) return pos.error();
  pos->bind(1, portfolio_id).bind(2, market.asset_ids[f.asset]).bind(3, f.ticker).bind(4, p.quantity);
  pos->bind(5, pf::cost_basis(p)).bind(6, p.realized_pnl);
  if (p.lots.empty()) pos->bind_null(7).bind_null(8);
  else pos->bind(7, pf::format_date(p.lots.front().date)).bind(8, p.lots.front().model);
  if (Status s = pos->run(); !s.ok()) return s.error();
  if (Status s = store_balances(db, portfolio_id, after); !s.ok()) return s.error();
  return id;
}

Status store_snapshot(Database& db, std::int64_t portfolio_id, const pf::NavSnapshot& s,
                      const nlohmann::json& allocation) {
  auto st = db.prepare(
      "INSERT INTO nav_snapshots (portfolio_id, date, cash, holdings_value, nav, allocation) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (portfolio_id, date) DO UPDATE SET cash = excluded.cash, holdings_value = excluded.holdings_value, "
      "nav = excluded.nav, allocation = excluded.allocation");
  if (!st.ok()) return st.error();
  st->bind(1, portfolio_id).bind(2, pf::format_date(s.date)).bind(3, s.cash).bind(4, s.holdings_value).bind(5, s.nav);
  st->bind(6, allocation.dump());
  return st->run();
}

Status snapshot_state(Database& db, std::int64_t portfolio_id, const pf::PortfolioState& state, const Market& market,
                      std::size_t bar, const std::vector<double>* given) {
  const std::vector<double> prices = given ? *given : pf::last_prices(*market.panel, bar);
  const pf::NavSnapshot snap = pf::take_snapshot(state, prices, market.panel->date(bar), bar);
  const auto holdings = pf::holdings_report(state, *market.panel, prices);
  nlohmann::json allocation = pf::allocation_to_json(pf::allocation(holdings, state.cash));
  allocation.erase("nav");
  return store_snapshot(db, portfolio_id, snap, allocation);
}

nlohmann::json portfolio_summary_json(const Ledger& l, const Market& m) {
  using nlohmann::json;
  json j = {{"id", l.info.id},
            {"name", l.info.name},
            {"kind", l.info.kind},
            {"status", l.info.status},
            {"model", l.info.model},
            {"market_id", l.info.market_id},
            {"fee_structure_id", l.info.fee_structure_id},
            {"allow_short", l.info.rules.allow_short},
            {"fractional", l.info.rules.fractional},
            {"slippage", pf::slippage_to_json(l.info.rules.slippage)},
            {"max_participation", l.info.rules.max_participation},
            {"margin", l.info.rules.margin.any() ? margin_json(l, m) : json(nullptr)},
            {"opened_on", pf::format_date(l.info.opened_on)},
            {"as_of", m.has_bars() ? json(pf::format_date(m.panel->date(l.as_of(m)))) : json(nullptr)},
            {"created_at", l.info.created_at},
            {"archived_at", l.info.archived_at ? json(*l.info.archived_at) : json(nullptr)},
            {"fills", l.fills.size()}};
  j.update(pf::valuation_to_json(l.valuation(m)));
  return j;
}

}  // namespace finsim::server
