#include "fail.hpp"

#include <cstdio>

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>

namespace finsim::server {

void fail(const boost::system::error_code& ec, const char* what) {
  namespace net = boost::asio;
  if (ec == net::error::operation_aborted || ec == net::error::eof || ec == net::error::connection_reset ||
      ec == net::error::broken_pipe || ec == net::error::not_connected || ec == net::error::bad_descriptor ||
      ec == boost::beast::websocket::error::closed || ec == boost::beast::http::error::end_of_stream ||
      ec == boost::beast::error::timeout)
    return;
  std::fprintf(stderr, "finsim-server: %s: %s\n", what, ec.message().c_str());
}

void fail_thrown(const char* where, const char* what) {
  std::fprintf(stderr, "finsim-server: %s: a handler threw: %s\n", where, what);
}

}  // namespace finsim::server
