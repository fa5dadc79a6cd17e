// Small pieces every handler of the portfolio API uses: answers, paging, the portfolio of a path.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "api_call.hpp"
#include "api_responses.hpp"
#include "http_message.hpp"

namespace finsim::server {

/// 201 with `body` and `Location: location`.
HttpResponse created(const nlohmann::json& body, const std::string& location);

/// The portfolio named by the path's first id. Error unknown_portfolio.
Result<Ledger*> path_portfolio(ApiCall& call);

/// ?limit= (1..1000, default 100) and ?offset= (≥ 0, default 0).
struct Page {
  std::size_t limit = 100;
  std::size_t offset = 0;
};
Result<Page> page_of(const ApiCall& call);

/// Whether `name` is a model name: 1 to 64 of [A-Za-z0-9_.:-] (the engine's rule for signals).
bool valid_model_name(std::string_view name);

/// The portfolio's detail: summary, fee structure, market, holdings, allocation, pending orders.
Result<nlohmann::json> portfolio_detail_json(ApiCall& call, const Ledger& ledger);

}  // namespace finsim::server
