#include "banking_link.hpp"

#include "api_responses.hpp"
#include "finsim/simulation.hpp"
#include "market_clock.hpp"
#include "service.hpp"
#include "session_registry.hpp"

namespace finsim::server {

bool attach_banking_link(const std::shared_ptr<PortfolioService>& service, SessionRegistry& sessions,
                         std::int64_t market_id, const std::string& session) {
  auto live = sessions.find(session);
  if (!live.ok()) return false;
  std::weak_ptr<PortfolioService> weak = service;
  (*live)->add_step_listener(market_id, [weak, market_id](const Metrics& metrics) {
    const auto service = weak.lock();
    if (!service) return;
    const portfolio::MarketConditions c = portfolio::conditions_from_banking(metrics);
    service->submit(
        [market_id, c](JobContext& ctx) {
          auto r = advance_market(ctx, market_id, 1, c);
          return r.ok() ? json_response(200, *r) : error_response(r.error());
        },
        [](HttpResponse) {});
  });
  return true;
}

void detach_banking_link(SessionRegistry& sessions, std::int64_t market_id, const std::string& session) {
  if (auto live = sessions.find(session); live.ok()) (*live)->remove_step_listener(market_id);
}

void restore_banking_links(const std::shared_ptr<PortfolioService>& service,
                           const std::shared_ptr<SessionRegistry>& sessions) {
  std::weak_ptr<PortfolioService> weak = service;
  service->submit(
      [weak, sessions](JobContext& ctx) {
        for (const auto& [id, m] : ctx.book().markets())
          if (!m.linked_session.empty())
            ctx.after_commit([weak, sessions, id = id, session = m.linked_session] {
              if (auto s = weak.lock()) attach_banking_link(s, *sessions, id, session);
            });
        return json_response(200, nlohmann::json::object());
      },
      [](HttpResponse) {});
}

}  // namespace finsim::server
