#include "handler_support.hpp"

#include <cctype>

#include "finsim/portfolio/holdings.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "order_records.hpp"
#include "reservations.hpp"
#include "url.hpp"

namespace finsim::server {

HttpResponse created(const nlohmann::json& body, const std::string& location) {
  HttpResponse r = json_response(201, body);
  r.set("Location", location);
  return r;
}

Result<Ledger*> path_portfolio(ApiCall& call) { return call.book().ledger(call.id(0)); }

Result<Page> page_of(const ApiCall& call, bool cursors) {
  auto limit = call.integer("limit", kDefaultPageLimit, 1, kMaxPageLimit);
  if (!limit.ok()) return limit.error();
  auto offset = call.integer("offset", 0, 0, 1'000'000'000);
  if (!offset.ok()) return offset.error();
  Page page{static_cast<std::size_t>(*limit), static_cast<std::size_t>(*offset), std::nullopt};
  if (call.param("cursor")) {
    if (!cursors) return make_error("bad_parameter", "this list is paged by offset: follow its 'next'");
    if (call.param("offset")) return make_error("bad_parameter", "give cursor or offset, not both");
    auto after = call.integer("cursor", 0, 0, INT64_MAX);
    if (!after.ok()) return make_error("bad_parameter", "cursor must be a 'next_cursor' of this list");
    page.after = *after;
  }
  return page;
}

namespace {

/// The request's path and query without its place in the list, ready for one more parameter.
std::string list_target(const ApiCall& call, std::size_t limit) {
  std::string next(split_target(call.request.target).path);
  char sep = '?';
  for (const std::string& item : split_list(call.query, '&')) {
    const std::string name = item.substr(0, item.find('='));
    if (name == "limit" || name == "offset" || name == "cursor") continue;
    next.append(1, sep).append(item);
    sep = '&';
  }
  return next.append(1, sep).append("limit=" + std::to_string(limit));
}

}  // namespace

void add_cursor_paging(nlohmann::json& answer, const ApiCall& call, const Page& page,
                       std::optional<std::int64_t> next_cursor) {
  answer["limit"] = page.limit;
  answer["next_cursor"] = next_cursor ? nlohmann::json(std::to_string(*next_cursor)) : nlohmann::json(nullptr);
  answer["next"] = next_cursor ? nlohmann::json(list_target(call, page.limit) + "&cursor=" + std::to_string(*next_cursor))
                               : nlohmann::json(nullptr);
}

void add_offset_paging(nlohmann::json& answer, const ApiCall& call, const Page& page, bool more) {
  answer["limit"] = page.limit;
  answer["next"] = more ? nlohmann::json(list_target(call, page.limit) + "&offset=" + std::to_string(page.offset + page.limit))
                        : nlohmann::json(nullptr);
}

nlohmann::json portfolio_page(ApiCall& call, const Page& page, const std::function<bool(const Ledger&)>& wanted) {
  Ledgers& ledgers = call.book().ledgers();
  nlohmann::json list = nlohmann::json::array();
  std::optional<std::int64_t> next;
  std::size_t skipped = 0;
  for (auto it = page.after ? ledgers.upper_bound(*page.after) : ledgers.begin(); it != ledgers.end(); ++it) {
    const Ledger& l = it->second;
    if (!wanted(l)) continue;
    if (skipped < page.offset) {
      ++skipped;
      continue;
    }
    if (list.size() == page.limit) {  // one more exists: the page ends here
      next = list.back()["id"].get<std::int64_t>();
      break;
    }
    list.push_back(portfolio_summary_json(l, call.book().market_of(l)));
  }
  nlohmann::json out = {{"portfolios", std::move(list)}};
  add_cursor_paging(out, call, page, next);
  return out;
}

bool valid_model_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':')) return false;
  return true;
}

Result<nlohmann::json> portfolio_detail_json(ApiCall& call, const Ledger& l) {
  const Market& m = call.book().market_of(l);
  nlohmann::json j = portfolio_summary_json(l, m);
  j["fee_structure"] = fee_structure_to_json(call.book().fees_of(l));
  j["market"] = {{"id", m.id}, {"name", m.name}, {"current_date", j["as_of"]}};
  const std::vector<double> prices = m.has_bars() ? pf::last_prices(*m.panel, l.as_of(m))
                                                  : std::vector<double>(l.state.positions.size(), std::nan(""));
  const auto holdings = pf::holdings_report(l.state, *m.panel, prices);
  auto pending = pending_orders(call.ctx.db(), l.info.id);
  if (!pending.ok()) return pending.error();
  auto held = reservations_of(call.book(), l, m, *pending);
  if (!held.ok()) return held.error();
  j["holdings"] = pf::holdings_to_json(holdings);
  for (nlohmann::json& h : j["holdings"])
    h["reserved_quantity"] = held->units_of(*m.panel->find(h["ticker"].get<std::string>()));
  j["allocation"] = pf::allocation_to_json(pf::allocation(holdings, l.state.cash));
  j["pending_orders"] = pending->size();
  j["reserved_cash"] = held->cash;
  j["available_cash"] = pf::available_cash(l.state, *held);
  return j;
}

}  // namespace finsim::server
