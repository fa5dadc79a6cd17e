#include "api_support.hpp"

#include <catch2/catch.hpp>

namespace finsim::test {

namespace pf = finsim::portfolio;

std::vector<std::string> api_server_args(int bars, std::vector<std::string> extra) {
  std::vector<std::string> args{"--market-bars", std::to_string(bars)};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

HttpReply call(int port, const std::string& method, const std::string& path, const json& body, const Headers& headers) {
  const HttpReply r = http(port, method, path, body.is_null() ? std::string() : body.dump(), headers);
  REQUIRE(r.status > 0);
  return r;
}

json expect(const HttpReply& reply, int status) {
  INFO(reply.body);
  REQUIRE(reply.status == status);
  return reply.body.empty() ? json(nullptr) : json::parse(reply.body);
}

json get(int port, const std::string& path) { return expect(call(port, "GET", path), 200); }

std::string error_code(const HttpReply& reply, int status) {
  const json j = expect(reply, status);
  REQUIRE(j.contains("error"));
  return j["error"]["code"].get<std::string>();
}

json create_portfolio(int port, const json& body) { return expect(call(port, "POST", "/api/portfolios", body), 201); }

int import_csv_market(int port, const std::string& query, const std::string& csv) {
  const json made = expect(http(port, "POST", "/api/markets/import" + query, csv, {{"Content-Type", "text/csv"}}), 201);
  return made["market"]["id"];
}

json advance(int port, int bars, int market) {
  return expect(call(port, "POST", "/api/markets/" + std::to_string(market) + "/advance", {{"bars", bars}}), 200);
}

std::vector<std::pair<std::string, double>> closes(int port, const std::string& ticker, int market) {
  const json j = get(port, "/api/markets/" + std::to_string(market) + "/prices?tickers=" + ticker);
  std::vector<std::pair<std::string, double>> out;
  for (std::size_t i = 0; i < j["dates"].size(); ++i)
    out.emplace_back(j["dates"][i].get<std::string>(),
                     j["closes"][ticker][i].is_null() ? std::nan("") : j["closes"][ticker][i].get<double>());
  return out;
}

std::string portfolio_path(const json& portfolio) {
  return "/api/portfolios/" + std::to_string(portfolio["id"].get<int>());
}

double close_on(int port, const std::string& ticker, const std::string& date) {
  for (const auto& [d, c] : closes(port, ticker))
    if (d == date) return c;
  FAIL("no close of " << ticker << " on " << date);
  return 0;
}

pf::PricePanel asset_panel(int port, int market) {
  const json assets = get(port, "/api/markets/" + std::to_string(market) + "/assets?limit=1000")["assets"];
  std::vector<pf::Asset> list;
  for (const json& a : assets)
    list.push_back({a["ticker"], pf::parse_asset_class(a["asset_class"].get<std::string>()).value(), a["sector"]});
  auto panel = pf::PricePanel::create(list, {pf::date_from_civil(2000, 1, 3)}, std::vector<double>(list.size(), std::nan("")));
  REQUIRE(panel.ok());
  return std::move(panel).value();
}

pf::Fill fill_of(const json& j, const pf::PricePanel& panel) {
  pf::Fill f;
  f.ticker = j["ticker"];
  f.asset = panel.find(f.ticker).value();
  f.side = pf::parse_side(j["side"].get<std::string>()).value();
  f.quantity = j["quantity"];
  f.price = j["price"];
  f.date = pf::parse_date(j["date"].get<std::string>()).value();
  f.order_date = pf::parse_date(j["order_date"].get<std::string>()).value();
  f.trade_value = j["trade_value"];
  f.fee = j["fee"];
  f.net_cash = j["net_cash"];
  f.model = j["model"];
  return f;
}

pf::PortfolioState replay(const json& fills, double initial_cash, const pf::PricePanel& panel) {
  pf::PortfolioState s = pf::open_portfolio(panel, initial_cash);
  for (const json& f : fills) pf::apply_fill(s, fill_of(f, panel));
  return s;
}

}  // namespace finsim::test
