// Small pieces every handler of the portfolio API uses: answers, paging, the portfolio of a path.
#pragma once

#include <cstdint>
#include <optional>
#include <functional>
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

/// One page of a list (docs/portfolio-api.md, "Paging"): ?limit= (1..kMaxPageLimit, default
/// kDefaultPageLimit), and where it starts: ?cursor= (the `next_cursor` of the page before: the list
/// goes on after that key) or ?offset= (items skipped), not both. Error bad_parameter (422).
constexpr std::size_t kDefaultPageLimit = 100;
constexpr std::size_t kMaxPageLimit = 1000;
struct Page {
  std::size_t limit = kDefaultPageLimit;
  std::size_t offset = 0;
  std::optional<std::int64_t> after;  ///< the cursor; lists by offset refuse it
};
/// The page a request asks for. `cursors`: whether this list is paged by cursor (else by offset).
Result<Page> page_of(const ApiCall& call, bool cursors = false);

/// How to get the page after this one, added to a list's answer: "limit", and "next", the request's
/// own path and query with the page's place replaced — null when this page is the last. A list by
/// cursor adds "next_cursor": the key of the page's last item when items follow it, else null.
void add_cursor_paging(nlohmann::json& answer, const ApiCall& call, const Page& page,
                       std::optional<std::int64_t> next_cursor);
/// The same for a list by offset; `more`: whether items follow the page.
void add_offset_paging(nlohmann::json& answer, const ApiCall& call, const Page& page, bool more);

/// A page of the entries of `items` (a map by id) in id order: `add(entry)` for each on the page;
/// returns the next cursor (add_cursor_paging), or nullopt when the page is the last.
template <class Map, class Add>
std::optional<std::int64_t> page_by_id(const Map& items, const Page& page, Add add) {
  std::size_t skipped = 0, taken = 0;
  std::int64_t last = 0;
  for (auto it = page.after ? items.upper_bound(*page.after) : items.begin(); it != items.end(); ++it) {
    if (skipped < page.offset) {
      ++skipped;
      continue;
    }
    if (taken == page.limit) return last;
    add(it->second);
    last = it->first;
    ++taken;
  }
  return std::nullopt;
}

/// A page of portfolios in id order, those `wanted` only: {"portfolios": [summary], paging
/// (add_cursor_paging)}. Costs the page and the portfolios skipped to reach it, not a scan of all.
nlohmann::json portfolio_page(ApiCall& call, const Page& page, const std::function<bool(const Ledger&)>& wanted);

/// Whether `name` is a model name: 1 to 64 of [A-Za-z0-9_.:-] (the engine's rule for signals).
bool valid_model_name(std::string_view name);

/// The portfolio's detail: summary, fee structure, market, holdings, allocation, pending orders.
Result<nlohmann::json> portfolio_detail_json(ApiCall& call, const Ledger& ledger);

}  // namespace finsim::server
