// Durability: an order acknowledged with 2xx survives a kill -9 of the server, and a crash never
// leaves cash and holdings inconsistent with the stored fills (replayed here through the engine).
#include <catch2/catch.hpp>

#include <signal.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "api_support.hpp"
#include "store/database.hpp"

using namespace finsim::test;
namespace pf = finsim::portfolio;
using finsim::store::Database;

namespace {

struct Ack {
  int portfolio = 0;
  int order = 0;
  std::string key;
  json body;
};

/// The market's assets from the database file, in the server's order.
pf::PricePanel stored_assets(Database& db) {
  auto st = db.prepare("SELECT ticker, asset_class, sector FROM assets WHERE market_id = 1 ORDER BY id");
  REQUIRE(st.ok());
  std::vector<pf::Asset> assets;
  REQUIRE(st->each([&] { assets.push_back({st->text(0), pf::parse_asset_class(st->text(1)).value(), st->text(2)}); }).ok());
  return pf::PricePanel::create(assets, {pf::date_from_civil(2000, 1, 3)}, std::vector<double>(assets.size(), std::nan("")))
      .value();
}

/// Every portfolio's stored balances and holdings equal the engine's replay of its stored fills, and
/// each fill's cash_after the replay's cash after it. Returns portfolio id → replayed cash.
std::map<int, double> reconcile(Database& db) {
  const pf::PricePanel panel = stored_assets(db);
  std::map<int, pf::PortfolioState> replayed;
  auto portfolios = db.prepare("SELECT id, initial_capital FROM portfolios");
  REQUIRE(portfolios.ok());
  REQUIRE(portfolios->each([&] {
    replayed[static_cast<int>(portfolios->integer(0))] = pf::open_portfolio(panel, portfolios->real(1));
  }).ok());
  auto fills = db.prepare(
      "SELECT f.portfolio_id, f.ticker, f.side, f.quantity, f.price, f.trade_value, f.fee, f.net_cash, f.cash_after, "
      "o.status FROM fills f LEFT JOIN orders o ON o.id = f.order_id ORDER BY f.id");
  REQUIRE(fills.ok());
  std::size_t count = 0;
  REQUIRE(fills->each([&] {
    pf::Fill f;
    f.ticker = fills->text(1);
    f.asset = panel.find(f.ticker).value();
    f.side = pf::parse_side(fills->text(2)).value();
    f.quantity = fills->real(3);
    f.price = fills->real(4);
    f.trade_value = fills->real(5);
    f.fee = fills->real(6);
    f.net_cash = fills->real(7);
    pf::PortfolioState& s = replayed.at(static_cast<int>(fills->integer(0)));
    pf::apply_fill(s, f);
    CHECK(fills->real(8) == s.cash);
    CHECK(fills->text(9) == "filled");
    ++count;
  }).ok());
  auto balances = db.prepare("SELECT id, cash, realized_pnl, fees_paid FROM portfolios");
  REQUIRE(balances.ok());
  std::map<int, double> cash;
  REQUIRE(balances->each([&] {
    const pf::PortfolioState& s = replayed.at(static_cast<int>(balances->integer(0)));
    CHECK(balances->real(1) == s.cash);
    CHECK(balances->real(2) == s.realized_pnl);
    CHECK(balances->real(3) == s.fees_paid);
    cash[static_cast<int>(balances->integer(0))] = s.cash;
  }).ok());
  auto holdings = db.prepare("SELECT portfolio_id, ticker, quantity, cost_basis FROM holdings");
  REQUIRE(holdings.ok());
  REQUIRE(holdings->each([&] {
    const pf::Position& p = replayed.at(static_cast<int>(holdings->integer(0))).positions[panel.find(holdings->text(1)).value()];
    CHECK(holdings->real(2) == p.quantity);
    CHECK(holdings->real(3) == pf::cost_basis(p));
  }).ok());
  // Every filled order has its fill.
  auto orphans = db.query("SELECT count(*) FROM orders o WHERE o.status = 'filled' AND NOT EXISTS "
                          "(SELECT 1 FROM fills f WHERE f.order_id = o.id)");
  REQUIRE(orphans.ok());
  CHECK(orphans->at(0).at(0) == "0");
  INFO("fills replayed: " << count);
  CHECK(count > 0);
  return cash;
}

}  // namespace

TEST_CASE("kill -9 during a burst of concurrent orders: every acknowledged order survives, balances reconcile") {
  const std::string db_path = fresh_store(make_temp_dir(), "durable");
  std::vector<int> portfolios;
  std::vector<Ack> acked;
  std::mutex mutex;
  std::atomic<int> advances{0};
  {
    ServerProcess server(api_server_args(300, {"--db", db_path}));
    const int port = server.port();
    for (int i = 0; i < 3; ++i) {
      std::string name = "durable ";  // (appending, not "D" + …: GCC 12's -Wrestrict misfires on that)
      name += std::to_string(i);
      portfolios.push_back(create_portfolio(port, {{"name", name}, {"initial_capital", 1000000},
                                                   {"fee_structure", "ibkr_fixed_with_sec"}})["id"]);
    }
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    const char* tickers[] = {"TEC1", "FIN1", "CMD1", "BND1"};
    for (int c = 0; c < 8; ++c)
      clients.emplace_back([&, c] {
        for (int n = 0; !stop; ++n) {
          const int portfolio = portfolios[static_cast<std::size_t>((c + n) % 3)];
          const bool sell = n % 4 == 3;
          const json body = {{"ticker", tickers[(c + n) % 4]}, {"side", sell ? "sell" : "buy"}, {"quantity", sell ? 1 : 2 + n % 3}};
          const std::string key = "burst-" + std::to_string(c) + "-" + std::to_string(n);
          const HttpReply r = http(port, "POST", "/api/portfolios/" + std::to_string(portfolio) + "/orders", body.dump(),
                                   {{"Idempotency-Key", key}});
          if (r.status == 201) {
            std::lock_guard lock(mutex);
            acked.push_back({portfolio, json::parse(r.body)["id"].get<int>(), key, body});
          }
        }
      });
    clients.emplace_back([&] {
      while (!stop)
        if (http(port, "POST", "/api/markets/1/advance", "{}").status == 200) ++advances;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    CHECK(server.stop(SIGKILL) == 128 + SIGKILL);  // in the middle of the burst
    stop = true;
    for (auto& t : clients) t.join();
  }
  WARN("acknowledged orders before the kill: " << acked.size() << ", market advances: " << advances.load());
  // Read once the killed server's last transaction has landed or rolled back (PostgreSQL): reading the
  // fills before it and the balances after it would compare two different stores.
  REQUIRE(await_killed_sessions(db_path));
  REQUIRE(acked.size() >= 20);
  REQUIRE(advances.load() >= 2);

  std::map<int, double> cash;
  {
    auto db = Database::open(db_path);  // recovers the write-ahead log as a restarted server would
    REQUIRE(db.ok());
    auto order = db->prepare("SELECT portfolio_id, ticker, side, size FROM orders WHERE id = ?");
    REQUIRE(order.ok());
    for (const Ack& a : acked) {
      INFO("order " << a.order);
      order->bind(1, a.order);
      auto row = order->step();
      REQUIRE(row.ok());
      REQUIRE(*row);
      CHECK(order->integer(0) == a.portfolio);
      CHECK(order->text(1) == a.body["ticker"]);
      CHECK(order->text(2) == a.body["side"]);
      CHECK(order->real(3) == a.body["quantity"].get<double>());
      REQUIRE(order->run().ok());
    }
    cash = reconcile(*db);
  }

  // The server starts again on the file (it checks the same reconciliation), shows the same balances,
  // and answers a retry of an acknowledged order with its stored answer.
  ServerProcess again(api_server_args(300, {"--db", db_path}));
  for (int id : portfolios) CHECK(get(again.port(), "/api/portfolios/" + std::to_string(id))["cash"] == cash.at(id));
  for (std::size_t i = 0; i < acked.size(); i += acked.size() / 10 + 1) {
    const Ack& a = acked[i];
    const HttpReply r = http(again.port(), "POST", "/api/portfolios/" + std::to_string(a.portfolio) + "/orders",
                             a.body.dump(), {{"Idempotency-Key", a.key}});
    CHECK(r.header("idempotent-replayed") == "true");
    CHECK(expect(r, 201)["id"] == a.order);
  }
}
