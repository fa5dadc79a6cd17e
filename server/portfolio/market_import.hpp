// Importing prices into a market: CSV (wide or long, the engine's importers) or a
// financial_data_aggregator database (aggregator_reader), into a new imported market or merged into an
// existing imported one. Shared by POST /api/markets/import and `finsim-server --import`.
//
// Nothing is visible unless the import is accepted: in strict mode (the default) any bad row rejects
// the whole file (422 with every issue and its line); in lenient mode the bad rows are left out and
// listed. An import is three steps, so that a large one never holds the portfolio service's thread for
// long (docs/portfolio-api.md, "Long work"): parse_import reads and checks the file anywhere (a worker
// thread); ImportWrite::begin checks it against the book and stores a hidden market, store_slice
// stores its prices a slice at a time, and finish makes it the market (or merges it into one) — each
// a short job on the service's thread, in order with the other requests (import_store.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/csv_import.hpp"
#include "import_store.hpp"
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
  int status = 201;     ///< 201 imported; 404 unknown market; 409 conflict; 422 rejected; 429; 500 store
  nlohmann::json body;  ///< {"market", "report"} or {"error": {"code", "message", "issues"?, "issue_count"?}}
};

/// An import read and checked by the engine, not stored yet.
struct ParsedImport {
  ImportRequest request;                 ///< its csv_text emptied once parsed
  std::optional<ImportResult> refusal;   ///< the file cannot be read, or holds nothing importable (422)
  portfolio::ImportReport report;        ///< with a panel of at least one bar unless refused
  std::string source;                    ///< how the market was made ("CSV upload", "CSV prices.csv", …)
  std::size_t clock_bar = 0;             ///< a new market's clock, in the panel
};

/// Reads and checks the prices of `request`: a pure function of the request and the file it names
/// (slow for a large file: run it off the service's thread). Thread-safe.
ParsedImport parse_import(ImportRequest request);

/// An accepted import being stored. Service thread only; each step inside the job's transaction.
class ImportWrite {
 public:
  /// Checks `parsed` against the book — the market it merges into, the number of markets, the name —
  /// and stores its hidden market (assets and bars). Returns the refusal instead when it is refused.
  static std::variant<ImportWrite, ImportResult> begin(JobContext& ctx, std::shared_ptr<const ParsedImport> parsed);

  /// Stores the next prices for about `budget`; true once all are stored.
  Result<bool> store_slice(JobContext& ctx, std::chrono::milliseconds budget);

  /// Makes the hidden market the new market (or merges it into its target), updates the book and
  /// publishes MARKET_UPDATE: {201, {"market", "report"}}, or an error (the caller drops the hidden
  /// market).
  ImportResult finish(JobContext& ctx);

  /// The hidden market's id and name (to drop it when the import fails).
  [[nodiscard]] std::int64_t hidden_id() const { return hidden_.id; }
  [[nodiscard]] const std::string& hidden_name() const { return name_; }

 private:
  ImportWrite(std::shared_ptr<const ParsedImport> parsed, HiddenMarket hidden, std::string name)
      : parsed_(std::move(parsed)), hidden_(std::move(hidden)), name_(std::move(name)) {}

  std::shared_ptr<const ParsedImport> parsed_;
  HiddenMarket hidden_;
  std::string name_;
};

/// The whole import at once in the caller's transaction (finsim-server --import): parse, begin, every
/// slice, finish.
ImportResult import_prices(JobContext& ctx, const ImportRequest& request);

}  // namespace finsim::server
