// POST /api/markets/import off the portfolio service's thread (docs/portfolio-api.md, "Long work").
//
// An 8 MB file took seconds to parse and store, and every other portfolio request waited behind it.
// Now: the runner's own thread reads the request and parses the file (parse_import: the engine's
// importers, no database); then the service runs the import as a chain of short jobs, each queued
// behind the requests that arrived meanwhile — begin (checks against the book, the hidden market),
// one job per slice of ~10 ms of prices, finish (the market appears, or is merged; the answer is
// stored with its Idempotency-Key in that same transaction). Orders and reads are answered between
// the slices. The client gets its answer after finish is committed, as before; an import that fails
// part way drops what it stored (and Book::open drops what a crash left). A request with the key of
// an import still running is answered 409.
//
// At most kMaxWaitingImports uploads wait to be parsed (each holds its body, up to 32 MiB): more are
// answered 429 too_many_imports at once. Thread-safety: start_import() from any thread; start() and
// stop() from the service's owner.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "http_message.hpp"

namespace finsim::server {

class PortfolioService;

class ImportRunner {
 public:
  using Reply = std::function<void(HttpResponse)>;
  static constexpr std::size_t kMaxWaitingImports = 2;

  /// `import_dir`: where imports by path may read (BookOptions::import_dir).
  ImportRunner(PortfolioService& service, std::string import_dir);
  ~ImportRunner();

  void start();
  /// Lets the parse in progress finish (its import then meets a stopping service: 503) and answers
  /// the waiting ones 503 shutting_down. Idempotent.
  void stop();

  /// Runs the import `request` (its Idempotency-Key `key`, or ""); `reply` gets the answer.
  void start_import(std::shared_ptr<const HttpRequest> request, std::string key, Reply reply);

 private:
  struct Upload {
    std::shared_ptr<const HttpRequest> request;
    std::string key;
    Reply reply;
  };
  void loop();
  void parse_and_submit(Upload& upload);
  /// Claims `key` for a running import; false when another holds it.
  bool claim(const std::string& key);
  void release(const std::string& key);

  PortfolioService& service_;
  std::string import_dir_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Upload> waiting_;
  std::set<std::string> running_keys_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace finsim::server
