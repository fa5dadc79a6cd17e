// Importing prices into a market: CSV (wide or long, the engine's importers) or a
// financial_data_aggregator database (aggregator_reader), into a new imported market or merged into an
// existing imported one. Shared by POST /api/markets/import and `finsim-server --import`.
//
// Nothing is stored unless the import is accepted: in strict mode (the default) any bad row rejects
// the whole file (422 with every issue and its line); in lenient mode the bad rows are left out and
// listed. Must run on the portfolio service's thread, inside a transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/csv_import.hpp"
#include "job_context.hpp"

namespace finsim::server {

struct ImportRequest {
  std::string format = "csv";   ///< "csv" or "aggregator"
  std::string csv_text;         ///< csv: the file's text (when not read from `path`)
  std::string path;             ///< a file to read (already checked to be allowed)
  std::string name;             ///< the new market's name ("" = from the file's name or "imported-N")
  std::optional<std::int64_t> into;  ///< merge into this imported market instead
  std::string clock = "end";    ///< a new market's current date: "end", "start" or YYYY-MM-DD
  portfolio::CsvImportOptions options;
};

struct ImportResult {
  int status = 201;     ///< 201 imported; 404 unknown market; 409 conflict; 422 rejected; 500 store
  nlohmann::json body;  ///< {"market", "report"} or {"error": {"code", "message", "issues"?, "issue_count"?}}
};

ImportResult import_prices(JobContext& ctx, const ImportRequest& request);

}  // namespace finsim::server
