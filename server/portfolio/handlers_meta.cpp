// GET /api/openapi.json: the OpenAPI 3 description of this API (openapi.json, embedded at build time).
#include "handlers.hpp"
#include "openapi_document.hpp"

namespace finsim::server::handlers {

HttpResponse get_openapi(ApiCall&) {
  HttpResponse r;
  r.status = 200;
  r.body = std::string(openapi_document());
  r.set("Content-Type", "application/json").set("Cache-Control", "no-cache").set("Access-Control-Allow-Origin", "*");
  return r;
}

}  // namespace finsim::server::handlers
