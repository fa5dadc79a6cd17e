// What a portfolio's pending orders reserve (the engine's reservation.hpp), computed from the orders
// stored as pending — the one source of truth, so the figures after a restart are the same to the bit
// — each with the fee structure it pays. A placement is checked against what they leave, and each fill
// of a bar against what the portfolio's other pending orders reserve (docs/portfolio-api.md,
// "Reservations"). Not thread-safe: the service's book.
#pragma once

#include <vector>

#include "book.hpp"
#include "finsim/portfolio/reservation.hpp"
#include "order_records.hpp"

namespace finsim::server {

/// What one pending order of `ledger` reserves, with the fee structure it pays. Errors: the engine's
/// reserve_order ("unknown_ticker": an order of another market).
Result<pf::Reservation> order_reservation(const Book& book, const Ledger& ledger, const Market& market,
                                          const OrderRecord& order);

/// What `orders` (pending orders of `ledger`) reserve together; one Reservation per order, in their
/// order, in `each` when given. A bracket exit waiting for its entry reserves nothing; the live exits
/// of one bracket reserve once, with the first of them (the others' Reservation is empty).
Result<pf::Reservations> reservations_of(const Book& book, const Ledger& ledger, const Market& market,
                                         const std::vector<OrderRecord>& orders,
                                         std::vector<pf::Reservation>* each = nullptr);

}  // namespace finsim::server
