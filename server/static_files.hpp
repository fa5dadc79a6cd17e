// The static web app (web/dist) served read-only from one root folder.
//
// Safety: the path is percent-decoded once; malformed escapes, NUL bytes and ".." segments are
// refused (400); the resolved file must lie inside the root after following symlinks (else 404).
// Caching: files under assets/ (content-hashed by Vite) are immutable for a year; everything else,
// index.html included, is "no-cache" (revalidated). Every file has an ETag and Last-Modified, and
// If-None-Match / If-Modified-Since give 304. A missing path whose last segment has no extension is
// an app route and gets index.html; a missing file with an extension is 404.
#pragma once

#include <string>

#include "http_message.hpp"

namespace finsim::server {

class StaticFiles {
 public:
  /// `root` may be missing: then available() is false and every page explains that the web app
  /// was not built. Resolves the root once (canonical path).
  explicit StaticFiles(const std::string& root);

  [[nodiscard]] bool available() const { return available_; }
  /// The canonical root, or the path as given when it does not exist.
  [[nodiscard]] const std::string& root() const { return root_; }

  /// Answers a GET or HEAD (the caller drops the body for HEAD and handles other methods).
  /// Thread-safe: reads the file system only.
  [[nodiscard]] HttpResponse serve(const HttpRequest& request) const;

 private:
  [[nodiscard]] HttpResponse serve_file(const HttpRequest& request, const std::string& path,
                                        const std::string& relative) const;
  [[nodiscard]] HttpResponse not_built(const std::string& relative) const;

  std::string root_;
  bool available_ = false;
};

}  // namespace finsim::server
