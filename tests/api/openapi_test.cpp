// /api/openapi.json is kept true: every route the server routes is described, and every described
// operation answers (not 404, not 405) on a server with data behind each id.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "api_support.hpp"
#include "portfolio/routes.hpp"

using namespace finsim::test;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The path with each {…} replaced by the id of a thing that exists.
std::string concrete(std::string path, const std::map<std::string, std::string>& ids) {
  for (const auto& [name, value] : ids)
    for (std::size_t at; (at = path.find(name)) != std::string::npos;) path.replace(at, name.size(), value);
  return path;
}

}  // namespace

TEST_CASE("every route is described in the OpenAPI document, and every described operation answers") {
  ServerProcess server(api_server_args(300));
  const int port = server.port();
  const HttpReply doc_reply = call(port, "GET", "/api/openapi.json");
  const json doc = expect(doc_reply, 200);
  CHECK(doc["openapi"].get<std::string>().rfind("3.", 0) == 0);
  const json& paths = doc["paths"];

  std::set<std::pair<std::string, std::string>> routed;
  for (const finsim::server::ApiRoute& r : finsim::server::api_routes()) {
    const std::string path(r.pattern), method = lower(r.method);
    routed.emplace(path, method);
    INFO(r.method << " " << path);
    REQUIRE(paths.contains(path));
    CHECK(paths[path].contains(method));
    // Operations that change something declare the token and the Idempotency-Key.
    if (r.writes) CHECK(paths[path][method].contains("security"));
  }

  // Something behind every id: a portfolio with a pending order, a custom fee structure, a backtest.
  const json p = create_portfolio(port, {{"name", "O"}, {"initial_capital", 1000}});
  const json o = expect(call(port, "POST", "/api/portfolios/" + std::to_string(p["id"].get<int>()) + "/orders",
                             {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 1}}),
                        201);
  const json f = expect(call(port, "POST", "/api/fee-structures", {{"name", "doc"}, {"components", json::array()}}), 201);
  expect(call(port, "POST", "/api/backtests",
              {{"model", "momentum"}, {"tickers", {"TEC1"}}, {"start", "2015-06-01"}}),
         202);
  const std::map<std::string, std::string> ids = {{"{order_id}", std::to_string(o["id"].get<int>())}};

  // Deletions last, so that every other operation still finds its thing.
  std::vector<std::pair<std::string, std::string>> operations;
  for (const auto& [path, item] : paths.items())
    for (const auto& [method, operation] : item.items())
      if (method != "parameters") operations.emplace_back(method, path);
  std::stable_partition(operations.begin(), operations.end(), [](const auto& o) { return o.first != "delete"; });
  for (const auto& [method, path] : operations) {
    {
      // {id} is the portfolio, fee structure, backtest or market of that path.
      std::string id = "1";
      if (path.rfind("/api/fee-structures/", 0) == 0) id = std::to_string(f["id"].get<int>());
      std::string target = concrete(concrete(path, ids), {{"{id}", id}});
      if (path == "/api/markets/{id}/prices") target += "?tickers=TEC1";
      INFO(method << " " << target);
      CHECK(routed.count({path, method}) == 1);  // described ⇒ routed
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      const HttpReply r = call(port, upper, target, method == "get" || method == "delete" ? json(nullptr) : json::object());
      CHECK(r.status != 404);
      CHECK(r.status != 405);
      CHECK(r.status < 500);
    }
  }
  CHECK(operations.size() == routed.size());
}
