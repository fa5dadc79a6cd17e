// The static web app: media types, caching, conditional requests, HEAD, app-route fallback, and
// no way out of the web root.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "http_client.hpp"
#include "server_process.hpp"

using namespace finsim::test;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

/// A small built web app with one file of each type, and symlinks that point out of it.
std::string make_web_root() {
  const fs::path root = fs::path(make_temp_dir()) / "dist";
  write(root / "index.html", "<!doctype html><title>FinSim</title>");
  write(root / "assets/index-3f9a1c.js", "console.log('app')");
  write(root / "assets/worker-77aa.mjs", "export {}");
  write(root / "assets/finsim-0c1d.wasm", std::string("\0asm\1\0\0\0", 8));
  write(root / "assets/index-3f9a1c.css", "body{}");
  write(root / "assets/index-3f9a1c.js.map", "{}");
  write(root / "logo.svg", "<svg/>");
  write(root / "logo.png", "\x89PNG");
  write(root / "favicon.ico", "ico");
  write(root / "manifest.json", "{}");
  fs::create_directory_symlink("/etc", root / "etc-link");
  fs::create_symlink("/etc/hostname", root / "hostname.txt");
  return root.string();
}

}  // namespace

TEST_CASE("static files have the right media types and caching headers") {
  ServerProcess server({"--web", make_web_root()});
  const int port = server.port();
  const std::vector<std::pair<std::string, std::string>> types{
      {"/", "text/html; charset=utf-8"},
      {"/assets/index-3f9a1c.js", "text/javascript; charset=utf-8"},
      {"/assets/worker-77aa.mjs", "text/javascript; charset=utf-8"},
      {"/assets/finsim-0c1d.wasm", "application/wasm"},
      {"/assets/index-3f9a1c.css", "text/css; charset=utf-8"},
      {"/assets/index-3f9a1c.js.map", "application/json"},
      {"/logo.svg", "image/svg+xml"},
      {"/logo.png", "image/png"},
      {"/favicon.ico", "image/x-icon"},
      {"/manifest.json", "application/json"},
  };
  for (const auto& [path, type] : types) {
    INFO(path);
    const HttpReply r = http(port, "GET", path);
    CHECK(r.status == 200);
    CHECK(r.header("content-type") == type);
    CHECK_FALSE(r.header("etag").empty());
    CHECK_FALSE(r.header("last-modified").empty());
  }
  CHECK(http(port, "GET", "/assets/finsim-0c1d.wasm").body.size() == 8);
  CHECK_FALSE(http(port, "HEAD", "/").header("x-finsim-server").empty());  // the web app's detection
  CHECK(http(port, "GET", "/assets/index-3f9a1c.js").header("cache-control") == "public, max-age=31536000, immutable");
  CHECK(http(port, "GET", "/").header("cache-control") == "no-cache");
  CHECK(http(port, "GET", "/index.html").header("cache-control") == "no-cache");
}

TEST_CASE("ETag and Last-Modified give 304, HEAD gives the headers without the body") {
  ServerProcess server({"--web", make_web_root()});
  const int port = server.port();
  const HttpReply first = http(port, "GET", "/assets/index-3f9a1c.js");
  const HttpReply again = http(port, "GET", "/assets/index-3f9a1c.js", "", {{"If-None-Match", first.header("etag")}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  CHECK(again.header("etag") == first.header("etag"));
  CHECK(http(port, "GET", "/assets/index-3f9a1c.js", "", {{"If-None-Match", "\"other\""}}).status == 200);
  CHECK(http(port, "GET", "/", "", {{"If-Modified-Since", first.header("last-modified")}}).status == 304);
  CHECK(http(port, "GET", "/", "", {{"If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"}}).status == 200);

  const HttpReply head = http(port, "HEAD", "/assets/index-3f9a1c.js");
  CHECK(head.status == 200);
  CHECK(head.header("content-length") == std::to_string(first.body.size()));
  CHECK(head.body.empty());
  CHECK(http(port, "HEAD", "/control/status").status == 200);
}

TEST_CASE("app routes fall back to index.html, missing files are 404, other methods 405") {
  ServerProcess server({"--web", make_web_root()});
  const int port = server.port();
  const HttpReply route = http(port, "GET", "/network/bank/12");
  CHECK(route.status == 200);
  CHECK(route.body.find("<title>FinSim</title>") != std::string::npos);
  CHECK(route.header("cache-control") == "no-cache");
  CHECK(http(port, "GET", "/assets/missing-123.js").status == 404);
  CHECK(http(port, "GET", "/missing.wasm").status == 404);
  CHECK(http(port, "GET", "/api/portfolio").status == 404);
  const HttpReply post = http(port, "POST", "/index.html");
  CHECK(post.status == 405);
  CHECK(post.header("allow") == "GET, HEAD");
}

TEST_CASE("no path leaves the web root") {
  ServerProcess server({"--web", make_web_root()});
  const int port = server.port();
  auto get = [&](const std::string& target) {
    return raw_http(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  };
  for (const std::string target : {"/../../../../etc/passwd", "/assets/../../../etc/passwd",
                                   "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                                   "/assets/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%00",
                                   "/index.html%00.png", "/%zz"}) {
    INFO(target);
    const HttpReply r = get(target);
    CHECK(r.status == 400);
    CHECK(r.body.find("root:") == std::string::npos);
  }
  for (const std::string target : {"/etc-link/passwd", "/etc-link/hostname", "/hostname.txt"}) {
    INFO(target);
    CHECK(get(target).status == 404);
  }
  // An absolute-looking path stays inside the root: "//etc/passwd" is the app route etc/passwd.
  const HttpReply absolute = get("//etc/passwd");
  CHECK(absolute.body.find("root:") == std::string::npos);
  CHECK(absolute.body.find("<title>FinSim</title>") != std::string::npos);
  CHECK(get("http://evil/../../etc/passwd").status == 400);
}

TEST_CASE("without a built web app the API works and / says the app was not built") {
  ServerProcess server;  // --web points at a folder that does not exist
  const int port = server.port();
  const HttpReply r = http(port, "GET", "/");
  CHECK(r.status == 503);
  CHECK(r.body.find("web app was not built") != std::string::npos);
  CHECK(http(port, "GET", "/control/status").status == 200);
}
