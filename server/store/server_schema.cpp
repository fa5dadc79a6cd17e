#include "server_schema.hpp"

#include <array>

namespace finsim::store {
namespace {

#define FINSIM_NOW "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"

// The stored answer of an Idempotency-Key, as migration 2 created it and migration 3 keeps it. Part of
// applied migrations: never edit it (a change is a new migration).
#define FINSIM_IDEMPOTENCY_ANSWER \
  " method TEXT NOT NULL,"        \
  " path TEXT NOT NULL,"          \
  " fingerprint TEXT NOT NULL,"   \
  " status INTEGER NOT NULL,"     \
  " response TEXT NOT NULL,"      \
  " location TEXT,"               \
  " created_at TEXT NOT NULL DEFAULT " FINSIM_NOW

// The portfolio mode (issue 6; docs/portfolio-api.md, "Storage"). Money is REAL (IEEE doubles bound
// and read as such, so values round-trip exactly); dates of bars are 'YYYY-MM-DD'; wall-clock times
// are ISO 8601 UTC. Cash and holdings are kept in the same transaction as the fill that changes them,
// and can always be recomputed from `fills` (finsim-server checks that they agree when it starts).
constexpr std::string_view kPortfolioSchema =
    // Markets: the embedded simulated one, and imported ones. `clock` is the market's current date:
    // bars after it are not visible yet, orders placed now fill at a later bar.
    "CREATE TABLE markets ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE,"
    " kind TEXT NOT NULL CHECK (kind IN ('simulated', 'imported')),"
    " seed INTEGER,"
    " source TEXT NOT NULL DEFAULT '',"
    " clock TEXT,"
    " linked_session TEXT,"
    " created_at TEXT NOT NULL DEFAULT " FINSIM_NOW ") STRICT;"
    "CREATE TABLE assets ("
    " id INTEGER PRIMARY KEY,"
    " market_id INTEGER NOT NULL REFERENCES markets(id),"
    " ticker TEXT NOT NULL,"
    " asset_class TEXT NOT NULL CHECK (asset_class IN ('stock', 'crypto', 'bond', 'commodity')),"
    " sector TEXT NOT NULL DEFAULT '',"
    " UNIQUE (market_id, ticker)) STRICT;"
    "CREATE TABLE market_bars ("
    " market_id INTEGER NOT NULL REFERENCES markets(id),"
    " date TEXT NOT NULL,"
    " regime TEXT CHECK (regime IN ('calm', 'stressed', 'crisis')),"
    " stress REAL NOT NULL DEFAULT 0,"
    " jump REAL NOT NULL DEFAULT 0,"
    " PRIMARY KEY (market_id, date)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE prices ("
    " asset_id INTEGER NOT NULL REFERENCES assets(id),"
    " date TEXT NOT NULL,"
    " close REAL CHECK (close IS NULL OR close > 0),"
    " volume REAL CHECK (volume IS NULL OR volume >= 0),"
    " PRIMARY KEY (asset_id, date)) STRICT, WITHOUT ROWID;"
    // Fee structures: reusable, named; `schedule` is the engine's JSON form (fees.hpp).
    "CREATE TABLE fee_structures ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE,"
    " schedule TEXT NOT NULL,"
    " description TEXT NOT NULL DEFAULT '',"
    " builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),"
    " created_at TEXT NOT NULL DEFAULT " FINSIM_NOW ","
    " updated_at TEXT NOT NULL DEFAULT " FINSIM_NOW ") STRICT;"
    // Portfolios are archived, never deleted. A backtest's result is a portfolio of kind 'backtest'.
    "CREATE TABLE portfolios ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('live', 'backtest')),"
    " status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),"
    " market_id INTEGER NOT NULL REFERENCES markets(id),"
    " fee_structure_id INTEGER NOT NULL REFERENCES fee_structures(id),"
    " model TEXT NOT NULL DEFAULT 'manual',"
    " initial_capital REAL NOT NULL CHECK (initial_capital >= 0),"
    " cash REAL NOT NULL,"
    " realized_pnl REAL NOT NULL DEFAULT 0,"
    " fees_paid REAL NOT NULL DEFAULT 0,"
    " allow_short INTEGER NOT NULL DEFAULT 0 CHECK (allow_short IN (0, 1)),"
    " fractional INTEGER NOT NULL DEFAULT 1 CHECK (fractional IN (0, 1)),"
    " opened_on TEXT NOT NULL,"
    " created_at TEXT NOT NULL DEFAULT " FINSIM_NOW ","
    " archived_at TEXT) STRICT;"
    // One row per asset a portfolio has traded: the position after its latest fill.
    "CREATE TABLE holdings ("
    " portfolio_id INTEGER NOT NULL REFERENCES portfolios(id),"
    " asset_id INTEGER NOT NULL REFERENCES assets(id),"
    " ticker TEXT NOT NULL,"
    " quantity REAL NOT NULL,"
    " cost_basis REAL NOT NULL,"
    " realized_pnl REAL NOT NULL,"
    " opened_on TEXT,"
    " opened_by TEXT,"
    " PRIMARY KEY (portfolio_id, asset_id)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE backtests ("
    " id INTEGER PRIMARY KEY,"
    " market_id INTEGER NOT NULL REFERENCES markets(id),"
    " model TEXT NOT NULL,"
    " spec TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),"
    " portfolio_id INTEGER REFERENCES portfolios(id),"
    " summary TEXT,"
    " error_code TEXT,"
    " error_message TEXT,"
    " created_at TEXT NOT NULL DEFAULT " FINSIM_NOW ","
    " finished_at TEXT) STRICT;"
    "CREATE TABLE signals ("
    " id INTEGER PRIMARY KEY,"
    " market_id INTEGER NOT NULL REFERENCES markets(id),"
    " model TEXT NOT NULL,"
    " ticker TEXT NOT NULL,"
    " action TEXT NOT NULL CHECK (action IN ('buy', 'sell', 'hold')),"
    " confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),"
    " date TEXT NOT NULL,"
    " predicted_return REAL,"
    " external_id TEXT,"
    " portfolio_id INTEGER REFERENCES portfolios(id),"
    " backtest_id INTEGER REFERENCES backtests(id),"
    " created_at TEXT NOT NULL DEFAULT " FINSIM_NOW ") STRICT;"
    "CREATE INDEX signals_by_model ON signals (market_id, model, date);"
    "CREATE INDEX signals_by_ticker ON signals (market_id, ticker, date);"
    "CREATE INDEX signals_by_backtest ON signals (backtest_id) WHERE backtest_id IS NOT NULL;"
    // Orders: `placed` is the market date the order was placed on (its information cut-off).
    "CREATE TABLE orders ("
    " id INTEGER PRIMARY KEY,"
    " portfolio_id INTEGER NOT NULL REFERENCES portfolios(id),"
    " ticker TEXT NOT NULL,"
    " side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),"
    " type TEXT NOT NULL CHECK (type IN ('market', 'limit')),"
    " size_kind TEXT NOT NULL CHECK (size_kind IN ('quantity', 'notional')),"
    " size REAL NOT NULL CHECK (size > 0),"
    " limit_price REAL,"
    " good_until TEXT,"
    " placed TEXT NOT NULL,"
    " model TEXT NOT NULL,"
    " signal_id INTEGER REFERENCES signals(id),"
    " confidence REAL,"
    " fee_structure_id INTEGER REFERENCES fee_structures(id),"  // this order's fees; NULL: the portfolio's
    " status TEXT NOT NULL CHECK (status IN ('pending', 'filled', 'expired', 'cancelled', 'rejected')),"
    " error_code TEXT,"
    " error_message TEXT,"
    " created_at TEXT NOT NULL DEFAULT " FINSIM_NOW ","
    " updated_at TEXT NOT NULL DEFAULT " FINSIM_NOW ") STRICT;"
    "CREATE INDEX orders_by_portfolio ON orders (portfolio_id, id);"
    "CREATE INDEX orders_pending ON orders (portfolio_id, id) WHERE status = 'pending';"
    // Fills (the brief's transactions): the ledger every balance is a replay of.
    "CREATE TABLE fills ("
    " id INTEGER PRIMARY KEY,"
    " portfolio_id INTEGER NOT NULL REFERENCES portfolios(id),"
    " order_id INTEGER UNIQUE REFERENCES orders(id),"
    " ticker TEXT NOT NULL,"
    " side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),"
    " quantity REAL NOT NULL CHECK (quantity > 0),"
    " price REAL NOT NULL CHECK (price > 0),"
    " date TEXT NOT NULL,"
    " order_date TEXT NOT NULL,"
    " trade_value REAL NOT NULL,"
    " fee REAL NOT NULL CHECK (fee >= 0),"
    " net_cash REAL NOT NULL,"
    " cash_after REAL NOT NULL,"
    " model TEXT NOT NULL,"
    " signal_id TEXT NOT NULL DEFAULT '',"
    " confidence REAL,"
    " created_at TEXT NOT NULL DEFAULT " FINSIM_NOW ") STRICT;"
    "CREATE INDEX fills_by_portfolio ON fills (portfolio_id, id);"
    // Daily NAV snapshots, with the allocation of that day (for sector rotation).
    "CREATE TABLE nav_snapshots ("
    " portfolio_id INTEGER NOT NULL REFERENCES portfolios(id),"
    " date TEXT NOT NULL,"
    " cash REAL NOT NULL,"
    " holdings_value REAL NOT NULL,"
    " nav REAL NOT NULL,"
    " allocation TEXT,"
    " PRIMARY KEY (portfolio_id, date)) STRICT, WITHOUT ROWID;"
    // Idempotency-Key: the stored answer of the first request made with a key.
    "CREATE TABLE idempotency_keys ("
    " key TEXT PRIMARY KEY," FINSIM_IDEMPOTENCY_ANSWER ") STRICT, WITHOUT ROWID;";

// Idempotency keys expire and are bounded in number (docs/portfolio-api.md, "Idempotency"): the table
// gains an id that grows with each key stored, so that the oldest keys — the ones to purge — are a
// seek on the primary key. The keys kept move over in the order they were stored.
constexpr std::string_view kIdempotencyRetention =
    "CREATE TABLE idempotency_keys_by_age ("
    " id INTEGER PRIMARY KEY,"
    " key TEXT NOT NULL UNIQUE," FINSIM_IDEMPOTENCY_ANSWER ") STRICT;"
    "INSERT INTO idempotency_keys_by_age (key, method, path, fingerprint, status, response, location, created_at)"
    " SELECT key, method, path, fingerprint, status, response, location, created_at FROM idempotency_keys"
    " ORDER BY created_at, key;"
    "DROP TABLE idempotency_keys;"
    "ALTER TABLE idempotency_keys_by_age RENAME TO idempotency_keys;";

// Slippage and spread (issue 14; engine slippage.hpp): each portfolio's model, in the engine's JSON form,
// and what each fill paid — the close it was moved from and the cost. Fills stored before keep a NULL
// reference price (their price was the close) and a cost of 0.
constexpr std::string_view kSlippage =
    "ALTER TABLE portfolios ADD COLUMN slippage TEXT NOT NULL DEFAULT '{\"model\":\"none\",\"spread_bps\":0}';"
    "ALTER TABLE fills ADD COLUMN reference_price REAL CHECK (reference_price IS NULL OR reference_price > 0);"
    "ALTER TABLE fills ADD COLUMN slippage REAL NOT NULL DEFAULT 0 CHECK (slippage >= 0);";

// Risk orders and brackets (issue 14; engine order.hpp, bracket.hpp). `type` stays how an order executes
// once live (market or limit); `trigger_kind` is what it waits for first: a stop crossed at stop_price
// (stop, stop_limit) or a trailing level trail_percent from the best close (trailing_stop). A bracket's
// exits name their entry in `bracket_id` and wait (active = 0) until it fills.
constexpr std::string_view kRiskOrders =
    "ALTER TABLE orders ADD COLUMN trigger_kind TEXT CHECK (trigger_kind IS NULL OR trigger_kind IN ('stop', 'trailing'));"
    "ALTER TABLE orders ADD COLUMN stop_price REAL CHECK (stop_price IS NULL OR stop_price > 0);"
    "ALTER TABLE orders ADD COLUMN trail_percent REAL CHECK (trail_percent IS NULL OR (trail_percent > 0 AND trail_percent < 100));"
    "ALTER TABLE orders ADD COLUMN bracket_id INTEGER REFERENCES orders(id);"
    "ALTER TABLE orders ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));"
    "CREATE INDEX orders_by_bracket ON orders (bracket_id) WHERE bracket_id IS NOT NULL;";

// Volume-aware fills (issue 14; engine participation.hpp): each portfolio's cap on a fill's share of the
// bar's volume, what an order filled in parts has filled (in its size's unit) and when it last did, and
// each part's order (`part_of`: an order filled whole in one fill keeps `order_id`, whose uniqueness
// stays true; its parts leave it NULL).
constexpr std::string_view kPartialFills =
    "ALTER TABLE portfolios ADD COLUMN max_participation REAL NOT NULL DEFAULT 0"
    " CHECK (max_participation >= 0 AND max_participation <= 1);"
    "ALTER TABLE orders ADD COLUMN filled REAL NOT NULL DEFAULT 0 CHECK (filled >= 0);"
    "ALTER TABLE orders ADD COLUMN last_part TEXT;"
    "ALTER TABLE fills ADD COLUMN part_of INTEGER REFERENCES orders(id);"
    "CREATE INDEX fills_by_part ON fills (part_of) WHERE part_of IS NOT NULL;";

// Short selling on margin (issue 14; engine margin.hpp): each portfolio's margin rules in the engine's
// JSON form (all zeros: a cash account's shorts, what every portfolio before this had), the borrow fees
// it has paid and the date of its open margin call; and the ledger's entries beyond fills — borrow fees,
// margin calls, calls met, liquidations — each placed in the booking order by `after_fills`, the
// portfolio's fills booked before it, so that a replay applies it at the same point.
constexpr std::string_view kMargin =
    "ALTER TABLE portfolios ADD COLUMN margin TEXT NOT NULL"
    " DEFAULT '{\"borrow_rate\":0.0,\"initial\":0.0,\"maintenance\":0.0}';"
    "ALTER TABLE portfolios ADD COLUMN borrow_fees REAL NOT NULL DEFAULT 0 CHECK (borrow_fees >= 0);"
    "ALTER TABLE portfolios ADD COLUMN margin_call_on TEXT;"
    "CREATE TABLE ledger_entries ("
    " id INTEGER PRIMARY KEY,"
    " portfolio_id INTEGER NOT NULL REFERENCES portfolios(id),"
    " kind TEXT NOT NULL CHECK (kind IN ('borrow_fee', 'margin_call', 'call_met', 'liquidation')),"
    " date TEXT NOT NULL,"
    " ticker TEXT,"
    " amount REAL NOT NULL CHECK (amount >= 0),"
    " quantity REAL NOT NULL DEFAULT 0 CHECK (quantity >= 0),"
    " price REAL NOT NULL DEFAULT 0 CHECK (price >= 0),"
    " days INTEGER NOT NULL DEFAULT 0 CHECK (days >= 0),"
    " after_fills INTEGER NOT NULL CHECK (after_fills >= 0),"
    " fill_id INTEGER REFERENCES fills(id),"
    " created_at TEXT NOT NULL DEFAULT " FINSIM_NOW ") STRICT;"
    "CREATE INDEX ledger_entries_by_portfolio ON ledger_entries (portfolio_id, id);";

#undef FINSIM_IDEMPOTENCY_ANSWER
#undef FINSIM_NOW

}  // namespace

std::span<const Migration> server_migrations() {
  static constexpr std::array<Migration, 7> kMigrations{{
      {1, "server_meta",
       "CREATE TABLE server_meta ("
       " key TEXT PRIMARY KEY NOT NULL,"
       " value TEXT NOT NULL) STRICT;"
       "INSERT INTO server_meta (key, value) VALUES"
       " ('created_by', 'finsim-server'),"
       " ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));"},
      {2, "portfolio", kPortfolioSchema},
      {3, "idempotency_retention", kIdempotencyRetention},
      {4, "slippage", kSlippage},
      {5, "risk_orders", kRiskOrders},
      {6, "partial_fills", kPartialFills},
      {7, "margin", kMargin},
  }};
  return kMigrations;
}

}  // namespace finsim::store
