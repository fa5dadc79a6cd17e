// POST /api/markets/import: a CSV in the body (text/csv; settings in the query), or a file on the
// server's disk under --import-dir (application/json body): CSV or a financial_data_aggregator database.
#include <filesystem>

#include "finsim/portfolio/json_fields.hpp"
#include "handler_support.hpp"
#include "handlers.hpp"
#include "market_import.hpp"

namespace finsim::server::handlers {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Error bad(const std::string& m) { return make_error("bad_import", m); }

/// A path inside the import folder (after resolving symlinks), or an error.
Result<std::string> allowed_path(const std::string& import_dir, const std::string& requested) {
  if (import_dir.empty()) return make_error("forbidden", "imports by path are off: start the server with --import-dir DIR");
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(import_dir, ec);
  const fs::path file = fs::weakly_canonical(fs::path(import_dir) / requested, ec);
  if (ec) return bad("cannot resolve " + requested);
  const auto rel = file.lexically_relative(root);
  if (rel.empty() || rel.native().rfind("..", 0) == 0 || requested.empty())
    return make_error("forbidden", requested + " is not inside the import folder");
  if (!fs::is_regular_file(file, ec)) return bad(requested + " is not a file in the import folder");
  return file.string();
}

Status read_options(ImportRequest& r, const std::string& mode, const std::string& asset_class, const std::string& sector) {
  if (mode != "strict" && mode != "lenient") return bad("mode must be strict or lenient");
  r.options.mode = mode == "lenient" ? portfolio::ImportMode::lenient : portfolio::ImportMode::strict;
  const auto cls = portfolio::parse_asset_class(asset_class);
  if (!cls) return bad("asset_class must be stock, crypto, bond or commodity");
  r.options.asset_class = *cls;
  r.options.sector = sector;
  return {};
}

}  // namespace

HttpResponse import_market(ApiCall& call) {
  ImportRequest req;
  const bool json_body = call.request.media_type() == "application/json";  // else text/csv (the router checked)
  if (json_body) {
    auto body = call.body();
    if (!body.ok()) return error_response(body.error());
    portfolio::JsonFields f(*body, "import", "bad_import",
                            {"path", "format", "name", "into", "clock", "mode", "asset_class", "sector"});
    const std::string path = f.text("path", "", true);
    req.format = f.text("format", "csv");
    req.name = f.text("name", "");
    req.clock = f.text("clock", "end");
    const std::string mode = f.text("mode", "strict"), cls = f.text("asset_class", "stock"), sector = f.text("sector", "");
    const double into = f.number("into", 0.0);
    if (!f.ok()) return error_response(f.error());
    if (Status s = read_options(req, mode, cls, sector); !s.ok()) return error_response(s.error());
    if (into > 0) req.into = static_cast<std::int64_t>(into);
    auto allowed = allowed_path(call.book().options().import_dir, path);
    if (!allowed.ok()) return error_response(allowed.error());
    req.path = *allowed;
  } else {
    req.format = call.param("format").value_or("csv");
    if (req.format != "csv") return error_response(bad("an uploaded body is a CSV; databases are imported by path"));
    req.csv_text = call.request.body;
    req.name = call.param("name").value_or("");
    req.clock = call.param("clock").value_or("end");
    auto into = call.integer("into", 0, 0, INT64_MAX);
    if (!into.ok()) return error_response(into.error());
    if (*into > 0) req.into = *into;
    if (Status s = read_options(req, call.param("mode").value_or("strict"), call.param("asset_class").value_or("stock"),
                                call.param("sector").value_or(""));
        !s.ok())
      return error_response(s.error());
  }
  if (req.name.size() > 100) return error_response(bad("name must have at most 100 characters"));
  const ImportResult r = import_prices(call.ctx, req);
  if (r.status != 201) return json_response(r.status, r.body);
  return created(r.body, "/api/markets/" + std::to_string(r.body["market"]["id"].get<std::int64_t>()));
}

}  // namespace finsim::server::handlers
