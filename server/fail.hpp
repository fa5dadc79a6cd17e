// The one error reporter of the network code (as in Beast's examples): expected endings of a
// connection (cancelled, closed by the peer, timed out, reset) are silent; anything else is one
// line on stderr. Thread-safe (one write per call).
#pragma once

#include <boost/system/error_code.hpp>

namespace finsim::server {

void fail(const boost::system::error_code& ec, const char* what);

/// One line on stderr for an exception a handler threw (the server goes on: see Server::run).
void fail_thrown(const char* where, const char* what);

}  // namespace finsim::server
