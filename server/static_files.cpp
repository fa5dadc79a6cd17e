#include "static_files.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <vector>

#include "api_responses.hpp"
#include "http_date.hpp"
#include "mime_types.hpp"
#include "url.hpp"

namespace finsim::server {
namespace {

namespace fs = std::filesystem;

constexpr const char* kImmutable = "public, max-age=31536000, immutable";
constexpr const char* kRevalidate = "no-cache";

/// The decoded path as a relative path of safe segments, or an Error (bad_request).
Result<std::string> safe_relative_path(std::string_view encoded_path) {
  auto decoded = percent_decode(encoded_path);
  if (!decoded) return make_error("bad_request", "the path has a malformed escape or a NUL byte");
  if (decoded->empty() || decoded->front() != '/') return make_error("bad_request", "the path must start with '/'");
  std::string relative;
  std::string_view rest = *decoded;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") return make_error("bad_request", "the path may not contain '..'");
    if (!relative.empty()) relative += '/';
    relative += segment;
  }
  return relative;
}

bool has_extension(const std::string& relative) {
  const auto slash = relative.find_last_of('/');
  const std::string base = slash == std::string::npos ? relative : relative.substr(slash + 1);
  return base.find('.') != std::string::npos;
}

/// Where root/relative leads once symlinks are followed.
struct Resolved {
  enum class Kind { file, outside, missing } kind = Kind::missing;
  std::string path;  ///< the canonical path of a file inside the root
};

Resolved resolve(const std::string& root, const std::string& relative) {
  std::error_code ec;
  const fs::path full = fs::canonical(fs::path(root) / relative, ec);
  if (ec) return {};
  const std::string text = full.string();
  if (text.size() <= root.size() || text.compare(0, root.size(), root) != 0 || text[root.size()] != '/')
    return {Resolved::Kind::outside, {}};  // a symlink out of the root: refused, no fallback
  if (!fs::is_regular_file(full, ec) || ec) return {};
  return {Resolved::Kind::file, text};
}

/// Whether an If-None-Match list ("a", W/"b", *) names `etag`; weak comparison as RFC 9110 asks.
bool etag_matches(std::string_view list, std::string_view etag) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == "*" || item == etag) return true;
  }
  return false;
}

HttpResponse text_response(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.set("Content-Type", "text/plain; charset=utf-8").set("Cache-Control", "no-store");
  return r;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) : root_(root) {
  std::error_code ec;
  if (fs::is_directory(root, ec) && !ec) {
    const fs::path canonical = fs::canonical(root, ec);
    if (!ec) {
      root_ = canonical.string();
      available_ = true;
    }
  }
}

HttpResponse StaticFiles::serve(const HttpRequest& request) const {
  auto relative = safe_relative_path(split_target(request.target).path);
  if (!relative.ok()) return error_response(relative.error());
  const bool app_route = !has_extension(*relative);
  if (!available_) return not_built(*relative);
  const std::string wanted = relative->empty() ? "index.html" : *relative;
  const Resolved file = resolve(root_, wanted);
  if (file.kind == Resolved::Kind::file) return serve_file(request, file.path, wanted);
  if (file.kind == Resolved::Kind::missing && app_route) {
    const Resolved index = resolve(root_, "index.html");
    if (index.kind == Resolved::Kind::file) return serve_file(request, index.path, "index.html");
  }
  return text_response(404, "not found: /" + *relative + "\n");
}

HttpResponse StaticFiles::serve_file(const HttpRequest& request, const std::string& path,
                                     const std::string& relative) const {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return text_response(404, "not found: /" + relative + "\n");
  const auto mtime = fs::last_write_time(path, ec);
  if (ec) return text_response(404, "not found: /" + relative + "\n");
  const auto since_epoch = std::chrono::file_clock::to_sys(mtime).time_since_epoch();
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count();
  const auto seconds = static_cast<std::time_t>(std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count());
  char tag[64];
  std::snprintf(tag, sizeof tag, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(nanos));

  HttpResponse r;
  r.set("Cache-Control", relative.rfind("assets/", 0) == 0 ? kImmutable : kRevalidate)
      .set("ETag", tag)
      .set("Last-Modified", format_http_date(seconds));
  const std::string_view if_none_match = request.header("If-None-Match");
  bool not_modified = false;
  if (!if_none_match.empty()) {
    not_modified = etag_matches(if_none_match, tag);
  } else if (auto since = parse_http_date(request.header("If-Modified-Since"))) {
    not_modified = seconds <= *since;
  }
  if (not_modified) {
    r.status = 304;
    return r;
  }
  std::ifstream in(path, std::ios::binary);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return text_response(500, "cannot read /" + relative + "\n");
  r.status = 200;
  r.body = std::move(body);
  r.set("Content-Type", std::string(mime_type(relative)));
  return r;
}

HttpResponse StaticFiles::not_built(const std::string& relative) const {
  const std::string message =
      "FinSim server: the web app was not built (no folder " + root_ +
      ").\nBuild it (scripts/build.sh) or start finsim-server with --web pointing at web/dist.\n"
      "The API works without it: GET /control/status, GET /sessions, WebSocket /ws/simulation "
      "(docs/http-api.md).\n";
  return text_response(relative.empty() || !has_extension(relative) ? 503 : 404, message);
}

}  // namespace finsim::server
