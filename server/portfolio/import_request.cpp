#include "import_request.hpp"

#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include "finsim/portfolio/json_fields.hpp"
#include "finsim/session.hpp"
#include "url.hpp"

namespace finsim::server {
namespace {

namespace fs = std::filesystem;

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

/// A file named in a JSON body: {"path", "format", "name", "into", "clock", "mode", "asset_class", "sector"}.
Result<ImportRequest> read_json_body(const HttpRequest& request, const std::string& import_dir) {
  auto parsed = Session::parse_body(request.body);
  if (!parsed.ok()) return parsed.error();
  if (!parsed->is_object()) return make_error("bad_request", "the body must be a JSON object");
  ImportRequest req;
  portfolio::JsonFields f(*parsed, "import", "bad_import",
                          {"path", "format", "name", "into", "clock", "mode", "asset_class", "sector"});
  const std::string path = f.text("path", "", true);
  req.format = f.text("format", "csv");
  req.name = f.text("name", "");
  req.clock = f.text("clock", "end");
  const std::string mode = f.text("mode", "strict"), cls = f.text("asset_class", "stock"), sector = f.text("sector", "");
  const double into = f.number("into", 0.0);
  if (!f.ok()) return f.error();
  if (Status s = read_options(req, mode, cls, sector); !s.ok()) return s.error();
  if (into > 0) req.into = static_cast<std::int64_t>(into);
  auto allowed = allowed_path(import_dir, path);
  if (!allowed.ok()) return allowed.error();
  req.path = *allowed;
  return req;
}

/// A CSV uploaded as the body, its settings in the query.
Result<ImportRequest> read_upload(const HttpRequest& request) {
  const std::string_view query = split_target(request.target).query;
  auto param = [&](std::string_view name, const char* fallback) { return query_parameter(query, name).value_or(fallback); };
  ImportRequest req;
  req.format = param("format", "csv");
  if (req.format != "csv") return bad("an uploaded body is a CSV; databases are imported by path");
  req.csv_text = request.body;
  req.name = param("name", "");
  req.clock = param("clock", "end");
  if (const auto into = query_parameter(query, "into")) {
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(into->c_str(), &end, 10);
    if (into->empty() || *end != '\0' || errno != 0 || v < 0)
      return make_error("bad_parameter", "query parameter 'into' must be a whole number in 0.." + std::to_string(INT64_MAX));
    if (v > 0) req.into = v;
  }
  if (Status s = read_options(req, param("mode", "strict"), param("asset_class", "stock"), param("sector", "")); !s.ok())
    return s.error();
  return req;
}

}  // namespace

Result<ImportRequest> read_import_request(const HttpRequest& request, const std::string& import_dir) {
  // application/json names a file; otherwise the body is the CSV (the router checked the type).
  auto req = request.media_type() == "application/json" ? read_json_body(request, import_dir) : read_upload(request);
  if (!req.ok()) return req.error();
  if (req->name.size() > 100) return bad("name must have at most 100 characters");
  return req;
}

}  // namespace finsim::server
