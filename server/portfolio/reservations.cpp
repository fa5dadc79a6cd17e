#include "reservations.hpp"

#include <algorithm>

namespace finsim::server {

Result<pf::Reservation> order_reservation(const Book& book, const Ledger& l, const Market& m, const OrderRecord& o) {
  return pf::reserve_order(o.order, *m.visible, book.fees_of(l, o.fee_structure_id).schedule, l.info.rules);
}

Result<pf::Reservations> reservations_of(const Book& book, const Ledger& l, const Market& m,
                                         const std::vector<OrderRecord>& orders, std::vector<pf::Reservation>* each) {
  pf::Reservations held;
  std::vector<std::int64_t> brackets_reserved;
  for (const OrderRecord& o : orders) {
    auto r = order_reservation(book, l, m, o);
    if (!r.ok()) return r.error();
    // A waiting exit reserves nothing yet; of a bracket's live exits, only the first reserves: at most
    // one of them will ever fill (one-cancels-other), and both would take the same units.
    const bool shared = o.bracket_id && std::find(brackets_reserved.begin(), brackets_reserved.end(), *o.bracket_id) !=
                                            brackets_reserved.end();
    if (!o.active || shared) *r = pf::Reservation{r->asset, 0.0, 0.0};
    else if (o.bracket_id) brackets_reserved.push_back(*o.bracket_id);
    held.add(*r);
    if (each) each->push_back(*r);
  }
  return held;
}

}  // namespace finsim::server
