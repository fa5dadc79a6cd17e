#include "handler_support.hpp"

#include <cctype>

#include "finsim/portfolio/holdings.hpp"
#include "finsim/portfolio/portfolio_json.hpp"

namespace finsim::server {

HttpResponse created(const nlohmann::json& body, const std::string& location) {
  HttpResponse r = json_response(201, body);
  r.set("Location", location);
  return r;
}

Result<Ledger*> path_portfolio(ApiCall& call) { return call.book().ledger(call.id(0)); }

Result<Page> page_of(const ApiCall& call) {
  auto limit = call.integer("limit", 100, 1, 1000);
  if (!limit.ok()) return limit.error();
  auto offset = call.integer("offset", 0, 0, 1'000'000'000);
  if (!offset.ok()) return offset.error();
  return Page{static_cast<std::size_t>(*limit), static_cast<std::size_t>(*offset)};
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
  j["holdings"] = pf::holdings_to_json(holdings);
  j["allocation"] = pf::allocation_to_json(pf::allocation(holdings, l.state.cash));
  auto st = call.ctx.db().prepare("SELECT count(*) FROM orders WHERE portfolio_id = ? AND status = 'pending'");
  if (!st.ok()) return st.error();
  st->bind(1, l.info.id);
  if (auto row = st->step(); !row.ok()) return row.error();
  j["pending_orders"] = st->integer(0);
  return j;
}

}  // namespace finsim::server
