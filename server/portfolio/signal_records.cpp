#include "signal_records.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "stored_dates.hpp"

namespace finsim::server {
namespace {

namespace pf = finsim::portfolio;
using store::Statement;

constexpr const char* kColumns =
    "SELECT id, market_id, model, ticker, action, confidence, date, predicted_return, external_id, portfolio_id, "
    "backtest_id, created_at FROM signals ";

SignalRecord read(const Statement& st) {
  SignalRecord r;
  r.id = st.integer(0);
  r.market_id = st.integer(1);
  r.signal.model = st.text(2);
  r.signal.ticker = st.text(3);
  r.signal.action = pf::parse_signal_action(st.text(4)).value_or(pf::SignalAction::hold);
  r.signal.confidence = st.real(5);
  r.signal.date = pf::parse_date(st.text(6)).value_or(pf::Date{});
  r.signal.predicted_return = st.real(7);
  r.signal.id = std::to_string(r.id);
  r.external_id = st.text(8);
  r.portfolio_id = st.optional_integer(9);
  r.backtest_id = st.optional_integer(10);
  r.created_at = st.text(11);
  return r;
}

Result<std::vector<SignalRecord>> read_all(Statement& st) {
  return st.collect([&] { return read(st); });
}

}  // namespace

Result<std::int64_t> insert_signal(store::Database& db, std::int64_t market_id, const pf::Signal& s,
                                   std::optional<std::int64_t> portfolio_id, std::optional<std::int64_t> backtest_id) {
  auto st = db.prepare(
      "INSERT INTO signals (market_id, model, ticker, action, confidence, date, predicted_return, external_id, "
      "portfolio_id, backtest_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.error();
  st->bind(1, market_id).bind(2, s.model).bind(3, s.ticker).bind(4, pf::signal_action_name(s.action));
  st->bind(5, s.confidence).bind(6, pf::format_date(s.date)).bind(7, s.predicted_return);
  if (!s.id.empty()) st->bind(8, s.id);
  st->bind(9, portfolio_id).bind(10, backtest_id);
  if (Status r = st->run(); !r.ok()) return r.error();
  return db.last_insert_rowid();
}

Result<SignalRecord> find_signal(store::Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kColumns) + "WHERE id = ?");
  if (!st.ok()) return st.error();
  st->bind(1, id);
  auto rows = read_all(*st);
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return make_error("unknown_signal", "no signal has id " + std::to_string(id));
  return std::move(rows->front());
}

Status room_for_signals(store::Database& db, std::int64_t max_signals, std::size_t adding) {
  auto st = db.prepare("SELECT coalesce(max(id), 0) FROM signals");
  if (!st.ok()) return st.error();
  auto row = st->step();
  if (!row.ok()) return row.error();
  const std::int64_t stored = *row ? st->integer(0) : 0;
  if (stored + static_cast<std::int64_t>(adding) <= max_signals) return {};
  return make_error("too_many_signals", "the server keeps at most " + std::to_string(max_signals) + " signals (--max-signals) and holds " +
                                            std::to_string(stored) + ": these " + std::to_string(adding) +
                                            " would pass it; nothing was stored");
}

Result<std::vector<SignalRecord>> query_signals(store::Database& db, const SignalQuery& q) {
  // CAST(?N AS …) IS NULL: an absent filter; the cast types the parameter for PostgreSQL even when NULL.
  const std::string filter =
      "WHERE market_id = ?1 AND (?2 = '' OR model = ?2) AND (?3 = '' OR ticker = ?3) "
      "AND (CAST(?4 AS TEXT) IS NULL OR date >= CASE WHEN length(date) = 10 THEN ?4 ELSE ?10 END) "
      "AND (CAST(?5 AS TEXT) IS NULL OR date <= CASE WHEN length(date) = 10 THEN ?5 ELSE ?11 END) "
      "AND (CAST(?6 AS INTEGER) IS NULL OR backtest_id = ?6) AND (?7 = 0 OR backtest_id IS NULL) ";
  // latest: the newest signal of each (model, ticker) among those matching. Newest by Date order: a
  // stored day is its close, after the times of that day another market stores (stored_dates.hpp).
  const std::string newest = "ORDER BY CASE WHEN length(date) = 10 THEN date || 'T99' ELSE date END DESC, id DESC ";
  const std::string sql =
      q.latest ? std::string(kColumns) + "WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY "
                     "model, ticker " + newest + ") AS rank FROM signals " + filter +
                     ") AS ranked WHERE rank = 1) " + newest + "LIMIT ?8 OFFSET ?9"
               : std::string(kColumns) + filter + newest + "LIMIT ?8 OFFSET ?9";
  auto st = db.prepare(sql);
  if (!st.ok()) return st.error();
  st->bind(1, q.market_id).bind(2, q.model).bind(3, q.ticker);
  // Stored days (10 characters) and stored times each against their own text (stored_dates.hpp).
  if (q.from) {
    const TextBound b = from_bound(*q.from);
    st->bind(4, b.day).bind(10, b.time);
  }
  if (q.to) {
    const TextBound b = to_bound(*q.to);
    st->bind(5, b.day).bind(11, b.time);
  }
  st->bind(6, q.backtest_id).bind(7, q.api_only);
  st->bind(8, static_cast<std::int64_t>(q.limit)).bind(9, static_cast<std::int64_t>(q.offset));
  return read_all(*st);
}

Result<std::vector<pf::Signal>> comparison_signals(store::Database& db, std::int64_t market_id) {
  auto st = db.prepare(std::string(kColumns) +
                       "WHERE market_id = ?1 AND (backtest_id IS NULL OR backtest_id IN (SELECT max(id) FROM backtests "
                       "WHERE market_id = ?1 AND status = 'done' GROUP BY model)) ORDER BY date, id");
  if (!st.ok()) return st.error();
  st->bind(1, market_id);
  auto rows = read_all(*st);
  if (!rows.ok()) return rows.error();
  std::vector<pf::Signal> out;
  out.reserve(rows->size());
  for (SignalRecord& r : *rows) out.push_back(std::move(r.signal));
  return out;
}

nlohmann::json signal_record_json(const SignalRecord& r) {
  using nlohmann::json;
  json j = pf::signal_to_json(r.signal);
  j["id"] = r.id;
  j["external_id"] = r.external_id.empty() ? json(nullptr) : json(r.external_id);
  j["market_id"] = r.market_id;
  j["portfolio_id"] = r.portfolio_id ? json(*r.portfolio_id) : json(nullptr);
  j["backtest_id"] = r.backtest_id ? json(*r.backtest_id) : json(nullptr);
  j["created_at"] = r.created_at;
  return j;
}

}  // namespace finsim::server
