#include "reservations.hpp"

namespace finsim::server {

Result<pf::Reservation> order_reservation(const Book& book, const Ledger& l, const Market& m, const OrderRecord& o) {
  return pf::reserve_order(o.order, *m.visible, book.fees_of(l, o.fee_structure_id).schedule, l.info.rules);
}

Result<pf::Reservations> reservations_of(const Book& book, const Ledger& l, const Market& m,
                                         const std::vector<OrderRecord>& orders, std::vector<pf::Reservation>* each) {
  pf::Reservations held;
  for (const OrderRecord& o : orders) {
    auto r = order_reservation(book, l, m, o);
    if (!r.ok()) return r.error();
    held.add(*r);
    if (each) each->push_back(*r);
  }
  return held;
}

}  // namespace finsim::server
