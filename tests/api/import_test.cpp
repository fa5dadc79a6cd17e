// Importing market data: CSV uploads (wide and long), files under --import-dir, a database laid out
// like the brief's financial_data_aggregator, and `finsim-server --import`. Bad rows are reported
// with their lines and nothing is imported unless lenient is asked.
#include <catch2/catch.hpp>

#include <fstream>

#include "api_support.hpp"
#include "child_process.hpp"
#include "store/database.hpp"
#include "test_paths.hpp"

using namespace finsim::test;
using finsim::store::Database;

namespace {

const std::string kCsvHeaders = "text/csv";

HttpReply upload(int port, const std::string& query, const std::string& csv) {
  return http(port, "POST", "/api/markets/import" + query, csv, {{"Content-Type", kCsvHeaders}});
}

/// A small financial_data_aggregator database: two stocks (one with two sources on a day and an
/// adjusted close), a crypto asset, a bond and a commodity, over three days.
void make_aggregator(const std::string& path) {
  auto db = Database::open(path);
  REQUIRE(db.ok());
  REQUIRE(db->exec(R"(
    CREATE TABLE dim_date (date_id INTEGER PRIMARY KEY, date DATE NOT NULL, year INTEGER);
    INSERT INTO dim_date VALUES (1, '2024-01-02', 2024), (2, '2024-01-03', 2024), (3, '2024-01-04', 2024);
    CREATE TABLE dim_data_source (source_id INTEGER PRIMARY KEY, source_name TEXT);
    INSERT INTO dim_data_source VALUES (1, 'yahoo'), (2, 'alpha_vantage');
    CREATE TABLE dim_company (company_id INTEGER PRIMARY KEY, ticker TEXT, company_name TEXT, sector TEXT);
    INSERT INTO dim_company VALUES (10, 'AAPL', 'Apple', 'Technology'), (11, 'JPM', 'JPMorgan', 'Financials');
    CREATE TABLE fact_stock_price (price_id INTEGER PRIMARY KEY, company_id INTEGER, date_id INTEGER, source_id INTEGER,
      close_price NUMERIC, adjusted_close NUMERIC, volume INTEGER);
    INSERT INTO fact_stock_price VALUES
      (1, 10, 1, 1, 185.0, 184.5, 1000), (2, 10, 2, 1, 186.0, NULL, 1100), (3, 10, 3, 2, 999.0, NULL, 5),
      (4, 10, 3, 1, 187.0, NULL, 1200), (5, 11, 1, 1, 170.0, NULL, NULL), (6, 11, 2, 1, 171.0, NULL, NULL),
      (7, 11, 3, 1, 172.0, NULL, NULL);
    CREATE TABLE dim_crypto_asset (crypto_id INTEGER PRIMARY KEY, symbol TEXT, name TEXT);
    INSERT INTO dim_crypto_asset VALUES (1, 'BTC', 'Bitcoin');
    CREATE TABLE fact_crypto_price (crypto_price_id INTEGER PRIMARY KEY, crypto_id INTEGER, date_id INTEGER,
      source_id INTEGER, price NUMERIC, trading_volume INTEGER);
    INSERT INTO fact_crypto_price VALUES (1, 1, 1, 1, 45000, 9), (2, 1, 2, 1, 44000, 8), (3, 1, 3, 1, 46000, 7);
    CREATE TABLE dim_bond (bond_id INTEGER PRIMARY KEY, isin TEXT, bond_type TEXT);
    INSERT INTO dim_bond VALUES (1, 'US912828XX00', 'Treasury');
    CREATE TABLE fact_bond_price (bond_price_id INTEGER PRIMARY KEY, bond_id INTEGER, date_id INTEGER, source_id INTEGER,
      price NUMERIC, yield_percent NUMERIC);
    INSERT INTO fact_bond_price VALUES (1, 1, 1, 1, 99.5, 4.1), (2, 1, 3, 1, 99.7, 4.0);
    CREATE TABLE dim_commodity (commodity_id INTEGER PRIMARY KEY, symbol TEXT, name TEXT);
    INSERT INTO dim_commodity VALUES (1, 'GC', 'Gold');
    CREATE TABLE fact_commodity_price (commodity_price_id INTEGER PRIMARY KEY, commodity_id INTEGER, date_id INTEGER,
      source_id INTEGER, price NUMERIC);
    INSERT INTO fact_commodity_price VALUES (1, 1, 1, 1, 2050), (2, 1, 2, 1, 2040), (3, 1, 3, 1, 2060);
  )").ok());
}

}  // namespace

TEST_CASE("a wide CSV upload becomes a market whose clock replays its history, and orders fill at its closes") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const std::string csv = read_file(real_prices_csv());
  REQUIRE(csv.size() > 64 * 1024);  // beyond the usual body limit: imports may be larger
  const HttpReply r = upload(port, "?name=us-stocks&clock=start", csv);
  const json made = expect(r, 201);
  const json& m = made["market"];
  CHECK(r.header("location") == "/api/markets/" + std::to_string(m["id"].get<int>()));
  CHECK(m["kind"] == "imported");
  CHECK(m["bars"] == 2517);
  CHECK(m["assets"] == 3);
  CHECK(m["current_date"] == "2004-03-10");
  CHECK(m["bars_ahead"] == 2516);
  CHECK(made["report"]["issue_count"] == 0);
  const int id = m["id"];
  const std::string market = "/api/markets/" + std::to_string(id);
  // Only what the clock has reached is visible.
  CHECK(get(port, market + "/prices?tickers=AAPL")["dates"].size() == 1);

  const json p = create_portfolio(port, {{"name", "US"}, {"initial_capital", 10000}, {"market_id", id}});
  expect(call(port, "POST", "/api/portfolios/" + std::to_string(p["id"].get<int>()) + "/orders",
              {{"ticker", "AAPL"}, {"side", "buy"}, {"quantity", 10}}),
         201);
  const json moved = advance(port, 1, id);
  CHECK(moved["bars"][0]["date"] == "2004-03-11");
  CHECK(moved["orders"]["filled"] == 1);
  const json fill = get(port, "/api/portfolios/" + std::to_string(p["id"].get<int>()) + "/transactions")["transactions"][0];
  CHECK(fill["price"] == 13.575);  // the file's close of 3/11/2004
  CHECK(fill["date"] == "2004-03-11");
  CHECK(error_code(upload(port, "?name=us-stocks", csv), 409) == "conflict");  // the name is taken
}

TEST_CASE("bad rows are reported with their lines: strict imports nothing, lenient leaves them out") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const std::string csv =
      "date,ticker,asset_type,close,volume,sector\n"
      "2024-01-02,AAA,stock,10,100,Technology\n"
      "2024-01-02,BTC,crypto,40000,,\n"
      "2024-01-03,AAA,stock,-1,100,Technology\n"
      "2024-01-03,BTC,crypto,41000,,\n"
      "2024-13-04,AAA,stock,11,100,Technology\n"
      "2024-01-04,AAA,stock,12,100,Technology\n";
  const json refused = expect(upload(port, "?name=bad", csv), 422);
  CHECK(refused["error"]["code"] == "bad_import");
  CHECK(refused["error"]["issue_count"] == 2);
  CHECK(refused["error"]["issues"][0]["line"] == 4);
  CHECK(refused["error"]["issues"][1]["line"] == 6);
  CHECK(get(port, "/api/markets")["markets"].size() == 1);  // nothing imported

  const json lenient = expect(upload(port, "?name=good&mode=lenient", csv), 201);
  CHECK(lenient["report"]["issue_count"] == 2);
  CHECK(lenient["report"]["rows_imported"] == 4);
  CHECK(lenient["market"]["bars"] == 3);
  const json assets = get(port, "/api/markets/" + std::to_string(lenient["market"]["id"].get<int>()) + "/assets")["assets"];
  REQUIRE(assets.size() == 2);
  CHECK(assets[1]["asset_class"] == "crypto");
  CHECK(error_code(upload(port, "?mode=sloppy", csv), 422) == "bad_import");
  CHECK(error_code(upload(port, "", "nonsense"), 422) == "bad_import");
}

TEST_CASE("a financial_data_aggregator database imports by the documented mapping, from the import folder only") {
  const std::string dir = make_temp_dir();
  make_aggregator(dir + "/aggregator.db");
  ServerProcess server(api_server_args(300, {"--import-dir", dir}));
  const int port = server.port();
  const json made = expect(call(port, "POST", "/api/markets/import",
                                {{"path", "aggregator.db"}, {"format", "aggregator"}, {"name", "aggregator"}},
                                {{"Content-Type", "application/json"}}),
                           201);
  const int id = made["market"]["id"];
  CHECK(made["market"]["bars"] == 3);
  const json assets = get(port, "/api/markets/" + std::to_string(id) + "/assets")["assets"];
  std::map<std::string, json> by_ticker;
  for (const json& a : assets) by_ticker[a["ticker"]] = a;
  REQUIRE(by_ticker.size() == 5);
  CHECK(by_ticker["AAPL"]["asset_class"] == "stock");
  CHECK(by_ticker["AAPL"]["sector"] == "Technology");
  CHECK(by_ticker["JPM"]["sector"] == "Financials");
  CHECK(by_ticker["BTC"]["asset_class"] == "crypto");
  CHECK(by_ticker["US912828XX00"]["asset_class"] == "bond");
  CHECK(by_ticker["GC"]["asset_class"] == "commodity");
  CHECK(by_ticker["AAPL"]["price"] == 187.0);  // source 1 wins over source 2's 999
  const json prices = get(port, "/api/markets/" + std::to_string(id) + "/prices?tickers=AAPL,US912828XX00");
  CHECK(prices["closes"]["AAPL"][0] == 184.5);  // the adjusted close when there is one
  CHECK(prices["closes"]["US912828XX00"][1].is_null());  // no bond price on 2024-01-03

  CHECK(error_code(call(port, "POST", "/api/markets/import", {{"path", "../outside.db"}, {"format", "aggregator"}},
                        {{"Content-Type", "application/json"}}),
                   403) == "forbidden");
  Database(Database::open(dir + "/empty.db").value());
  const json empty = expect(call(port, "POST", "/api/markets/import", {{"path", "empty.db"}, {"format", "aggregator"}},
                                 {{"Content-Type", "application/json"}}),
                            422);
  CHECK(empty["error"]["message"].get<std::string>().find("fact_stock_price") != std::string::npos);
}

TEST_CASE("path imports are off without --import-dir, and finsim-server --import seeds a database") {
  ServerProcess server(api_server_args());
  CHECK(error_code(call(server.port(), "POST", "/api/markets/import", {{"path", "x.csv"}}, {{"Content-Type", "application/json"}}),
                   403) == "forbidden");
  const std::string dir = make_temp_dir();
  const std::string csv = real_prices_csv();
  const std::string seeded_db = fresh_store(dir, "seeded");
  ProcessResult ok = run_process({server_binary(), "--db", seeded_db, "--market-bars", "50", "--import", csv,
                                  "--import-name", "us"});
  INFO(ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(json::parse(ok.out)["market"]["bars"] == 2517);
  std::ofstream(dir + "/bad.csv") << "Date,X\n1/2/2004,abc\n";
  ProcessResult bad = run_process({server_binary(), "--db", seeded_db, "--import", dir + "/bad.csv"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("\"line\": 2") != std::string::npos);
  ServerProcess seeded(api_server_args(50, {"--db", seeded_db}));
  CHECK(get(seeded.port(), "/api/markets")["markets"].size() == 2);
}

TEST_CASE("a ticker or sector that is not UTF-8 is refused at import with its line, and reads stay valid") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const std::string csv =
      "date,ticker,asset_type,close,volume,sector\n"
      "2024-01-02,AAA,stock,10,100,Technology\n"
      "2024-01-02,B\xff" "B,stock,20,100,Energy\n"
      "2024-01-03,AAA,stock,11,100,Tech\xc3\x28nology\n";
  const json refused = expect(upload(port, "?name=bad-utf8", csv), 422);
  CHECK(refused["error"]["code"] == "bad_import");
  REQUIRE(refused["error"]["issue_count"] == 2);
  CHECK(refused["error"]["issues"][0]["line"] == 3);
  CHECK(refused["error"]["issues"][1]["line"] == 4);
  // Lenient: the two lines are left out, and every read of the market is valid JSON.
  const json lenient = expect(upload(port, "?name=good-utf8&mode=lenient", csv), 201);
  const int id = lenient["market"]["id"].get<int>();
  CHECK(get(port, "/api/markets/" + std::to_string(id) + "/assets")["assets"].size() == 1);
  CHECK(get(port, "/api/markets")["markets"].size() == 2);
}

TEST_CASE("an import into an existing market adds its assets and bars, replaces its prices, keeps the rest") {
  const std::string db_path = fresh_store(make_temp_dir(), "merge");
  json before, prices;
  int id = 0;
  {
    ServerProcess server(api_server_args(60, {"--db", db_path}));
    const int port = server.port();
    const json m = expect(upload(port, "?name=us&clock=start", "Date,AAA,BBB\n2024-01-02,10,20\n2024-01-03,11,21\n"), 201);
    id = m["market"]["id"].get<int>();
    const std::string market = "/api/markets/" + std::to_string(id);
    // A portfolio holds the market: the merge reloads it with the market's new assets and bars.
    const json p = create_portfolio(port, {{"name", "holder"}, {"initial_capital", 1000}, {"market_id", id}});
    const std::string path = "/api/portfolios/" + std::to_string(p["id"].get<int>());
    expect(call(port, "POST", path + "/orders", {{"ticker", "AAA"}, {"side", "buy"}, {"quantity", 2}}), 201);
    advance(port, 1, id);  // filled at 11
    // 2024-01-03: AAA replaced, BBB missing (kept); 2024-01-04: a new bar; CCC: a new asset.
    const json merged = expect(upload(port, "?into=" + std::to_string(id), "Date,AAA,BBB,CCC\n2024-01-03,12,,30\n2024-01-04,13,23,31\n"), 201);
    CHECK(merged["market"]["id"] == id);
    CHECK(merged["market"]["assets"] == 3);
    CHECK(merged["market"]["bars"] == 3);
    CHECK(merged["market"]["current_date"] == "2024-01-03");  // the clock is unchanged
    CHECK(merged["market"]["source"] == "CSV upload; CSV upload");
    advance(port, 1, id);
    prices = get(port, market + "/prices?tickers=AAA,BBB,CCC");
    CHECK(prices["dates"] == json{"2024-01-02", "2024-01-03", "2024-01-04"});
    CHECK(prices["closes"]["AAA"] == json{10.0, 12.0, 13.0});
    CHECK(prices["closes"]["BBB"] == json{20.0, 21.0, 23.0});
    CHECK(prices["closes"]["CCC"] == json{nullptr, 30.0, 31.0});
    // The holder's fill stays at the price it was filled at; its position is valued at the new close.
    const json held = get(port, path);
    CHECK(held["holdings"][0]["ticker"] == "AAA");
    CHECK(held["holdings"][0]["price"] == 13.0);
    CHECK(get(port, path + "/transactions")["transactions"][0]["price"] == 11.0);
    before = get(port, market);
    // Refused: a simulated market, and a ticker whose class would change; nothing changes.
    CHECK(error_code(upload(port, "?into=1", "Date,AAA\n2024-01-02,10\n"), 409) == "conflict");
    CHECK(error_code(upload(port, "?into=" + std::to_string(id) + "&asset_class=crypto", "Date,AAA\n2024-01-05,10\n"), 409) ==
          "conflict");
    CHECK(get(port, market) == before);
    CHECK(get(port, "/api/markets")["markets"].size() == 2);  // no hidden market shows
  }
  ServerProcess again(api_server_args(60, {"--db", db_path}));
  CHECK(get(again.port(), "/api/markets/" + std::to_string(id)) == before);
  CHECK(get(again.port(), "/api/markets/" + std::to_string(id) + "/prices?tickers=AAA,BBB,CCC") == prices);
}
