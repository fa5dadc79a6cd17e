// What POST /api/markets/import asks for: a CSV in the body (text/csv; settings in the query), or a
// file on the server's disk under --import-dir (application/json body: CSV or a
// financial_data_aggregator database). Pure function of the request; thread-safe (the import runner
// reads it off the service's thread).
#pragma once

#include <string>

#include "finsim/result.hpp"
#include "http_message.hpp"
#include "market_import.hpp"

namespace finsim::server {

/// The import a request describes; a path is resolved inside `import_dir` (after links). Errors:
/// bad_json, bad_request (400), bad_import, bad_parameter (422), forbidden (403: no import folder, or
/// a path outside it).
Result<ImportRequest> read_import_request(const HttpRequest& request, const std::string& import_dir);

}  // namespace finsim::server
