// Who a connection comes from, for the per-client connection limit (connection_tracker.hpp). Pure,
// thread-safe; Asio's address type only (no Beast).
#pragma once

#include <string>

#include <boost/asio/ip/address.hpp>

namespace finsim::server {

/// The client a peer address belongs to: an IPv4 address as itself ("192.0.2.7"; an IPv4-mapped IPv6
/// address "::ffff:192.0.2.7" too), an IPv6 address as its /64 network ("2001:db8:0:1::/64"), since
/// one IPv6 host usually holds a whole /64 and could otherwise take a fresh address per connection.
std::string client_address(const boost::asio::ip::address& peer);

}  // namespace finsim::server
