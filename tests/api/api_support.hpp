// Helpers for the portfolio API tests: a server with a small market, JSON requests, and the engine's
// view of what the server stored.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/portfolio_state.hpp"
#include "finsim/portfolio/price_panel.hpp"
#include "http_client.hpp"
#include "server_process.hpp"
#include "test_store.hpp"

namespace finsim::test {

using nlohmann::json;

/// A server whose default market has `bars` bars (a fast start); extra arguments appended.
std::vector<std::string> api_server_args(int bars = 300, std::vector<std::string> extra = {});

/// `method path` with a JSON body; REQUIREs an answer (status > 0).
HttpReply call(int port, const std::string& method, const std::string& path, const json& body = nullptr,
               const Headers& headers = {});
/// The reply's body as JSON, REQUIRing `status`.
json expect(const HttpReply& reply, int status);
/// GET path, REQUIRing 200.
json get(int port, const std::string& path);
/// The error code of an error reply, REQUIRing `status`.
std::string error_code(const HttpReply& reply, int status);

/// Creates a live portfolio; returns its JSON (REQUIREs 201).
json create_portfolio(int port, const json& body);
/// POST /api/markets/{id}/advance {"bars": n}; returns the answer (REQUIREs 200).
json advance(int port, int bars = 1, int market = 1);

/// Imports `csv` (the long or wide layout) as a market, `query` naming it ("?name=x", "&clock=start" to
/// start its clock at its first bar); returns the market's id (REQUIREs 201).
int import_csv_market(int port, const std::string& query, const std::string& csv);

/// "/api/portfolios/{id}" of a portfolio's JSON.
std::string portfolio_path(const json& portfolio);

/// The market's closes of `ticker` over the visible bars, by date.
std::vector<std::pair<std::string, double>> closes(int port, const std::string& ticker, int market = 1);
/// The close of `ticker` on `date` (FAILs when the market has none that day).
double close_on(int port, const std::string& ticker, const std::string& date);

/// A panel with the market's assets in the server's order (no prices): what engine replays index by.
portfolio::PricePanel asset_panel(int port, int market = 1);

/// The engine's fill of a fill JSON (as in the API's transactions), its asset and bar resolved in
/// `panel` (bar = 0: replays do not need it).
portfolio::Fill fill_of(const json& j, const portfolio::PricePanel& panel);

/// Replays a portfolio's fills (oldest first) through the engine from its initial cash.
portfolio::PortfolioState replay(const json& fills_oldest_first, double initial_cash, const portfolio::PricePanel& panel);

}  // namespace finsim::test
