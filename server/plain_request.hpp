// Beast's parsed request as the routing layer's plain HttpRequest (http_message.hpp): the one
// conversion, used by the HTTP session and by the router fuzzer (fuzz/fuzz_http_router.cpp).
// Header-only because it needs Beast, which finsim_server_core does not compile against.
#pragma once

#include <string>

#include <boost/beast/http.hpp>

#include "http_message.hpp"

namespace finsim::server {

/// Moves the body out of `req`; `client` is the peer's address ("" if unknown).
inline HttpRequest to_plain(boost::beast::http::request<boost::beast::http::string_body>& req,
                            const std::string& client) {
  HttpRequest r;
  r.client = client;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  for (const auto& field : req) r.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  r.body = std::move(req.body());
  return r;
}

}  // namespace finsim::server
