// Stored signals (table signals): what models recommend, from outside models through the API and
// from backtests. Not thread-safe (the service's connection).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "finsim/portfolio/signal.hpp"
#include "finsim/result.hpp"
#include "store/database.hpp"

namespace finsim::server {

struct SignalRecord {
  std::int64_t id = 0;
  std::int64_t market_id = 0;
  portfolio::Signal signal;  ///< its id is the record's id as text; the poster's own id is external_id
  std::string external_id;
  std::optional<std::int64_t> portfolio_id, backtest_id;
  std::string created_at;
};

/// Stores a signal; returns its id.
Result<std::int64_t> insert_signal(store::Database& db, std::int64_t market_id, const portfolio::Signal& signal,
                                   std::optional<std::int64_t> portfolio_id, std::optional<std::int64_t> backtest_id);

/// One signal. Error "unknown_signal" (422: it is named in a body).
Result<SignalRecord> find_signal(store::Database& db, std::int64_t id);

struct SignalQuery {
  std::int64_t market_id = 0;
  std::string model, ticker;                   ///< "" = any
  std::optional<portfolio::Date> from, to;
  std::optional<std::int64_t> backtest_id;     ///< only this backtest's
  bool api_only = false;                       ///< only signals posted through the API
  bool latest = false;                         ///< only the newest signal per (model, ticker)
  std::size_t limit = 1000, offset = 0;
};

/// Error too_many_signals (429) when storing `adding` more signals would take the store past
/// `max_signals` in all. Signals are never deleted, so the highest id given is how many were ever
/// stored (on PostgreSQL also ids of signals rolled back: it errs on the side of refusing).
Status room_for_signals(store::Database& db, std::int64_t max_signals, std::size_t adding);

/// Signals matching `q`, newest first (by date, then id).
Result<std::vector<SignalRecord>> query_signals(store::Database& db, const SignalQuery& q);

/// The signals a comparison uses on a market: every one posted through the API, plus, per model, those
/// of its most recent completed backtest. In date order.
Result<std::vector<portfolio::Signal>> comparison_signals(store::Database& db, std::int64_t market_id);

/// signal_to_json + "id", "external_id", "market_id", "portfolio_id", "backtest_id", "created_at".
nlohmann::json signal_record_json(const SignalRecord& r);

}  // namespace finsim::server
