// The banking link: a market tied to a live banking session advances one bar with every step of that
// session, under the conditions of the step (conditions_from_banking: defaults and illiquidity raise
// the regime's stress, the banking asset's fire-sale price fall passes through in part). The link is
// stored (markets.linked_session) and restored at start; a session that does not exist (closed, or not
// created yet) is skipped until the next start. Thread-safe: steps queue advances on the service.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace finsim::server {

class PortfolioService;
class SessionRegistry;

/// Listens to `session`'s steps for market `market_id`. False when there is no such session.
bool attach_banking_link(const std::shared_ptr<PortfolioService>& service, SessionRegistry& sessions,
                         std::int64_t market_id, const std::string& session);

/// Stops listening (no-op when the session is gone).
void detach_banking_link(SessionRegistry& sessions, std::int64_t market_id, const std::string& session);

/// Attaches every stored link (queued on the service; call once the sessions exist).
void restore_banking_links(const std::shared_ptr<PortfolioService>& service,
                           const std::shared_ptr<SessionRegistry>& sessions);

}  // namespace finsim::server
