#include "import_runner.hpp"

#include <chrono>
#include <optional>
#include <variant>

#include "api_responses.hpp"
#include "idempotency.hpp"
#include "import_request.hpp"
#include "import_store.hpp"
#include "market_import.hpp"
#include "service.hpp"

namespace finsim::server {
namespace {

/// How long one slice of prices may hold the service's thread.
constexpr std::chrono::milliseconds kSliceBudget{10};

HttpResponse answer_of(const ImportResult& r) {
  HttpResponse a = json_response(r.status, r.body);
  if (r.status == 201) a.set("Location", "/api/markets/" + std::to_string(r.body["market"]["id"].get<std::int64_t>()));
  return a;
}

/// An import between its jobs: what the next one needs. Touched by one job (or its reply) at a time.
struct ImportState {
  std::shared_ptr<const ParsedImport> parsed;
  std::optional<Error> unreadable;  ///< the request could not be read (no parse)
  std::string key;
  std::optional<RequestFingerprint> print;
  std::optional<ImportWrite> write;
  bool stored = false;                ///< every price is stored: the next job finishes
  std::optional<HttpResponse> answer; ///< set by the job that ends the import
};

}  // namespace

ImportRunner::ImportRunner(PortfolioService& service, std::string import_dir)
    : service_(service), import_dir_(std::move(import_dir)) {}

ImportRunner::~ImportRunner() { stop(); }

void ImportRunner::start() {
  std::lock_guard lock(mutex_);
  stopping_ = false;
  if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
}

void ImportRunner::stop() {
  std::deque<Upload> dropped;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    dropped.swap(waiting_);
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  for (Upload& u : dropped) u.reply(error_response(make_error("shutting_down", "the server is shutting down")));
}

void ImportRunner::start_import(std::shared_ptr<const HttpRequest> request, std::string key, Reply reply) {
  bool stopping = false;
  {
    std::lock_guard lock(mutex_);
    stopping = stopping_;
    if (!stopping_ && waiting_.size() < kMaxWaitingImports) {
      waiting_.push_back(Upload{std::move(request), std::move(key), std::move(reply)});
      wake_.notify_one();
      return;
    }
  }
  if (stopping) return reply(error_response(make_error("shutting_down", "the server is shutting down")));
  reply(error_response(make_error("too_many_imports", std::to_string(kMaxWaitingImports) +
                                                          " imports are waiting to be read already: try again shortly")));
}

void ImportRunner::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
    if (stopping_) return;
    Upload upload = std::move(waiting_.front());
    waiting_.pop_front();
    lock.unlock();
    parse_and_submit(upload);
    lock.lock();
  }
}

bool ImportRunner::claim(const std::string& key) {
  std::lock_guard lock(mutex_);
  return key.empty() || running_keys_.insert(key).second;
}

void ImportRunner::release(const std::string& key) {
  std::lock_guard lock(mutex_);
  if (!key.empty()) running_keys_.erase(key);
}

void ImportRunner::parse_and_submit(Upload& upload) {
  auto state = std::make_shared<ImportState>();
  state->key = upload.key;
  if (!upload.key.empty()) state->print = fingerprint(*upload.request);
  auto request = read_import_request(*upload.request, import_dir_);
  if (!request.ok()) state->unreadable = request.error();
  else state->parsed = std::make_shared<const ParsedImport>(parse_import(std::move(request).value()));
  upload.request.reset();  // the body (up to 32 MiB) is not needed any more

  // The jobs, each run by the service in turn with other requests. `next` chains them: after each
  // committed job, the following one is queued (behind whatever arrived meanwhile).
  auto reply = std::make_shared<Reply>(std::move(upload.reply));
  auto next = std::make_shared<std::function<void(HttpResponse)>>();
  auto finish_with = [this, state, reply](HttpResponse answer) {
    if (state->write && !state->answer) {
      // Failed part way: drop what it stored (a job of its own, after the rollback).
      const std::int64_t hidden = state->write->hidden_id();
      service_.submit([hidden, name = state->write->hidden_name()](JobContext& ctx) {
        if (Status s = drop_hidden_market(ctx.db(), hidden, name); !s.ok()) return error_response(s.error());
        return json_response(200, nlohmann::json::object());
      }, [](HttpResponse) {});
    }
    if (state->write) release(state->key);
    (*reply)(std::move(answer));
  };
  auto work = [this, state](JobContext& ctx) -> HttpResponse {
    auto& db = ctx.db();
    if (!state->write) {  // begin
      if (state->print) {
        auto stored = replay_idempotent(db, state->key, *state->print, ctx.book().options().idempotency,
                                        IdempotencyClock::now());
        if (!stored.ok()) return error_response(stored.error());
        if (*stored) return *(state->answer = std::move(**stored));
        if (!claim(state->key))
          return *(state->answer = error_response(make_error(
                       "conflict", "an import with this Idempotency-Key is still running: retry when it is done")));
      }
      std::optional<HttpResponse> refusal;
      if (state->unreadable) {
        refusal = error_response(*state->unreadable);
      } else {
        auto begun = ImportWrite::begin(ctx, state->parsed);
        if (auto* refused = std::get_if<ImportResult>(&begun)) refusal = answer_of(*refused);
        else state->write.emplace(std::move(std::get<ImportWrite>(begun)));
      }
      if (refusal) {
        release(state->key);
        if (refusal->status >= 500) return *refusal;
        if (state->print)
          if (Status s = remember_idempotent(db, state->key, *state->print, *refusal, ctx.book().options().idempotency,
                                             IdempotencyClock::now());
              !s.ok())
            return error_response(s.error());
        return *(state->answer = std::move(*refusal));
      }
      return json_response(202, nlohmann::json::object());
    }
    if (!state->stored) {  // one slice
      auto done = state->write->store_slice(ctx, kSliceBudget);
      if (!done.ok()) return error_response(done.error());
      state->stored = *done;
      return json_response(202, nlohmann::json::object());
    }
    const ImportResult r = state->write->finish(ctx);  // the market appears
    HttpResponse answer = answer_of(r);
    if (r.status >= 400) return answer.status >= 500 ? answer : error_response(make_error("store", "the import could not finish"));
    if (state->print)
      if (Status s = remember_idempotent(db, state->key, *state->print, answer, ctx.book().options().idempotency,
                                         IdempotencyClock::now());
          !s.ok())
        return error_response(s.error());
    return *(state->answer = std::move(answer));
  };
  // The chain holds itself only through the reply waiting in the service's queue (weak here).
  *next = [this, state, work, weak = std::weak_ptr(next), finish_with](HttpResponse answer) {
    if (state->answer && answer.status < 500) return finish_with(std::move(*state->answer));
    if (answer.status >= 300) {
      state->answer.reset();  // not committed: the import failed
      return finish_with(std::move(answer));
    }
    if (auto self = weak.lock()) service_.submit(work, [self](HttpResponse a) { (*self)(std::move(a)); });
  };
  service_.submit(work, [next](HttpResponse a) { (*next)(std::move(a)); });
}

}  // namespace finsim::server
