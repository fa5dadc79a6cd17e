#include "book.hpp"

#include "import_store.hpp"
#include "transaction.hpp"

namespace finsim::server {

Status Book::seed() {
  auto count = db_.prepare("SELECT count(*) FROM markets");
  if (!count.ok()) return count.error();
  auto row = count->step();
  if (!row.ok()) return row.error();
  const bool empty = count->integer(0) == 0;
  Transaction tx(db_);
  if (Status s = tx.begin(); !s.ok()) return s;
  if (Status s = seed_fee_presets(db_); !s.ok()) return s;
  if (Status s = drop_hidden_markets(db_); !s.ok()) return s;  // imports a crash or a stop interrupted
  if (empty) {
    auto m = create_simulated_market(db_, options_.market_name, options_.market_seed, options_.market_bars);
    if (!m.ok()) return make_error("store", "cannot create the default market: " + m.error().message);
  }
  return tx.commit();
}

Status Book::open() {
  if (Status s = seed(); !s.ok()) return s;
  return load();
}

Status Book::load() {
  markets_.clear();
  ledgers_.clear();
  auto markets = load_markets(db_);
  if (!markets.ok()) return markets.error();
  for (Market& m : *markets) markets_.emplace(m.id, std::move(m));
  default_market_ = markets_.empty() ? 0 : markets_.begin()->first;
  auto fees = load_fee_structures(db_);
  if (!fees.ok()) return fees.error();
  fees_ = std::move(fees).value();
  auto ledgers = load_ledgers(db_, markets_);
  if (!ledgers.ok()) return ledgers.error();
  ledgers_ = std::move(ledgers).value();
  return {};
}

std::size_t Book::active_portfolios() const {
  std::size_t n = 0;
  for (const auto& [id, l] : ledgers_) n += l.active() ? 1 : 0;
  return n;
}

std::size_t Book::active_portfolios_of(const std::string& client) const {
  const auto it = opened_by_.find(client);
  if (it == opened_by_.end()) return 0;
  std::size_t n = 0;
  for (std::int64_t id : it->second) {
    const auto l = ledgers_.find(id);
    n += l != ledgers_.end() && l->second.tradable() ? 1 : 0;
  }
  return n;
}

void Book::opened_by(const std::string& client, std::int64_t id) {
  std::vector<std::int64_t>& ids = opened_by_[client];
  std::erase_if(ids, [&](std::int64_t old) {
    const auto l = ledgers_.find(old);
    return l == ledgers_.end() || !l->second.tradable();
  });
  ids.push_back(id);
}

Result<Market*> Book::market(std::int64_t id) {
  const auto it = markets_.find(id == 0 ? default_market_ : id);
  if (it == markets_.end()) return make_error("unknown_market", "no market has id " + std::to_string(id));
  return &it->second;
}

const FeeStructure& Book::fees_of(const Ledger& ledger, std::optional<std::int64_t> order_fees) const {
  const auto own = order_fees ? fees_.find(*order_fees) : fees_.end();
  return own != fees_.end() ? own->second : fees_of(ledger);
}

Result<Ledger*> Book::ledger(std::int64_t id) {
  const auto it = ledgers_.find(id);
  if (it == ledgers_.end()) return make_error("unknown_portfolio", "no portfolio has id " + std::to_string(id));
  return &it->second;
}

}  // namespace finsim::server
