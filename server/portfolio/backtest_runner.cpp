#include "backtest_runner.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <functional>
#include <span>
#include <thread>
#include <vector>

#include "api_responses.hpp"
#include "finsim/portfolio/money.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "service.hpp"
#include "signal_records.hpp"
#include "transaction.hpp"

namespace finsim::server {
namespace {

namespace pf = finsim::portfolio;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

Status mark_failed(store::Database& db, std::int64_t id, const Error& e) {
  auto st = db.prepare(
      "UPDATE backtests SET status = 'failed', error_code = ?, error_message = ?, "
      "finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
  if (!st.ok()) return st.error();
  st->bind(1, e.code).bind(2, e.message).bind(3, id);
  return st->run();
}

/// Stores a finished backtest as a portfolio (kind backtest) with its fills, one NAV snapshot per bar
/// and its signals; the book gets the portfolio once everything is stored.
Status store_result(JobContext& ctx, const BacktestRun& run, const pf::BacktestResult& r) {
  auto& db = ctx.db();
  auto market = ctx.book().market(run.market_id);
  if (!market.ok()) return market.error();
  const Market& m = **market;
  const pf::StrategyResult& s = r.run;
  if (s.nav.empty()) return make_error("bad_period", "the backtest produced no bar");
  Ledger l;
  l.info.name = run.name;
  l.info.kind = "backtest";
  l.info.model = run.spec.model;
  l.info.market_id = m.id;
  l.info.fee_structure_id = run.fee_structure_id;
  l.info.initial_capital = pf::round_to_cents(run.spec.initial_cash);
  l.info.rules = run.spec.rules;
  l.info.opened_on = s.nav.front().date;
  l.info.closed_on = s.nav.back().date;
  l.state = pf::open_portfolio(*m.panel, run.spec.initial_cash);
  auto st = db.prepare(
      "INSERT INTO portfolios (name, kind, market_id, fee_structure_id, model, initial_capital, cash, allow_short, "
      "fractional, opened_on, slippage, max_participation, margin) VALUES (?, 'backtest', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id, created_at");
  if (!st.ok()) return st.error();
  st->bind(1, l.info.name).bind(2, m.id).bind(3, l.info.fee_structure_id).bind(4, l.info.model);
  st->bind(5, l.info.initial_capital).bind(6, l.state.cash).bind(7, l.info.rules.allow_short);
  st->bind(8, l.info.rules.fractional).bind(9, pf::format_date(l.info.opened_on));
  st->bind(10, pf::slippage_to_json(l.info.rules.slippage).dump()).bind(11, l.info.rules.max_participation);
  st->bind(12, pf::margin_to_json(l.info.rules.margin).dump());
  if (auto row = st->step(); !row.ok()) return row.error();
  l.info.id = st->integer(0);
  l.info.created_at = st->text(1);
  if (Status done = st->run(); !done.ok()) return done;

  // Replay the fills and the margin's entries bar by bar through the engine, in the run's booking order,
  // storing each and the snapshot of every bar: the stored portfolio is then exactly what load_ledgers
  // will replay, and its NAV the run's.
  std::size_t next = 0, next_entry = 0;
  auto book_entries = [&](std::size_t bar) -> Status {
    for (; next_entry < s.ledger.size() && s.ledger[next_entry].bar <= bar &&
           s.ledger[next_entry].after_fills <= l.state.fill_count;
         ++next_entry) {
      const pf::LedgerEntry& e = s.ledger[next_entry];
      pf::apply_entry(l.state, e);
      const bool forced = e.kind == pf::LedgerKind::liquidation && !l.fill_ids.empty();
      auto id = store_entry(db, l.info.id, l.state, e, forced ? std::optional(l.fill_ids.back()) : std::nullopt);
      if (!id.ok()) return id.error();
      l.entries.push_back(e);
      l.entry_ids.push_back(*id);
    }
    return {};
  };
  for (const pf::NavSnapshot& snap : s.nav) {
    for (; next < s.fills.size() && s.fills[next].bar <= snap.bar; ++next) {
      if (Status x = book_entries(snap.bar); !x.ok()) return x;
      pf::Fill fill = book_fill(l.state, l.trips, m, s.fills[next]);
      auto id = store_fill(db, l.info.id, l.state, m, fill, std::nullopt);
      if (!id.ok()) return id.error();
      l.fills.push_back(std::move(fill));
      l.fill_ids.push_back(*id);
    }
    if (Status x = book_entries(snap.bar); !x.ok()) return x;
    if (Status x = snapshot_state(db, l.info.id, l.state, m, snap.bar); !x.ok()) return x;
    const pf::NavSnapshot mine = pf::take_snapshot(l.state, *m.panel, snap.bar);
    if (mine.nav != snap.nav)
      return make_error("internal", "backtest replay differs from the run at " + pf::format_date(snap.date));
  }
  if (Status room = room_for_signals(db, ctx.book().options().max_signals, r.signals.size()); !room.ok()) return room;
  for (const pf::Signal& sig : r.signals)
    if (auto id = insert_signal(db, run.market_id, sig, std::nullopt, run.id); !id.ok()) return id.error();
  json summary = pf::backtest_to_json(r, false);
  summary["rejection_list"] = json::array();
  for (const pf::OrderRejection& x : s.rejections)
    if (summary["rejection_list"].size() < 100)
      summary["rejection_list"].push_back({{"date", pf::format_date(x.date)}, {"ticker", x.ticker},
                                           {"side", pf::side_name(x.side)}, {"code", x.error.code}});
  auto done = db.prepare(
      "UPDATE backtests SET status = 'done', portfolio_id = ?, summary = ?, "
      "finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
  if (!done.ok()) return done.error();
  done->bind(1, l.info.id).bind(2, summary.dump()).bind(3, run.id);
  if (Status x = done->run(); !x.ok()) return x;
  const std::int64_t pid = l.info.id;
  Ledger& stored = ctx.book().ledgers().emplace(pid, std::move(l)).first->second;
  ctx.publish("PORTFOLIO_UPDATE", {{"portfolio", portfolio_summary_json(stored, m)}}, pid);
  return {};
}

}  // namespace

BacktestRunner::BacktestRunner(PortfolioService& service, std::shared_ptr<PortfolioFeed> feed)
    : service_(service), feed_(std::move(feed)) {}

BacktestRunner::~BacktestRunner() { stop(); }

void BacktestRunner::start() {
  std::lock_guard lock(mutex_);
  stopping_ = false;
  if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
}

void BacktestRunner::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void BacktestRunner::enqueue(BacktestRun run) {
  std::lock_guard lock(mutex_);
  progress_[run.id] = BacktestProgress{};
  queue_.push_back(std::move(run));
  wake_.notify_one();
}

std::optional<BacktestProgress> BacktestRunner::progress(std::int64_t id) const {
  std::lock_guard lock(mutex_);
  const auto it = progress_.find(id);
  if (it == progress_.end()) return std::nullopt;
  return it->second;
}

void BacktestRunner::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    BacktestRun job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    run(job);
    lock.lock();
  }
}

namespace {

// Runs the tasks on threads of their own (the first on this one) and waits for all; what one throws is
// thrown here, on the backtest's thread, as it would have been one after another.
void run_together(std::span<const std::function<void()>> tasks) {
  std::vector<std::exception_ptr> thrown(tasks.size());
  std::vector<std::thread> threads;
  for (std::size_t k = 1; k < tasks.size(); ++k)
    threads.emplace_back([&, k] {
      try {
        tasks[k]();
      } catch (...) {
        thrown[k] = std::current_exception();
      }
    });
  try {
    tasks[0]();
  } catch (...) {
    thrown[0] = std::current_exception();
  }
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : thrown)
    if (e) std::rethrow_exception(e);
}

}  // namespace

void BacktestRunner::run(BacktestRun& job) {
  auto last_publish = Clock::now() - std::chrono::seconds(1);
  const std::int64_t id = job.id;
  job.spec.progress = [this, id, &last_publish](std::size_t done, std::size_t total) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return false;
      progress_[id] = {done, total};
    }
    if (Clock::now() - last_publish >= std::chrono::milliseconds(250) || done == total) {
      last_publish = Clock::now();
      feed_->publish("BACKTEST_UPDATE", {{"backtest", {{"id", id},
                                                       {"status", "running"},
                                                       {"progress", static_cast<double>(done) / static_cast<double>(total)}}}});
    }
    return true;
  };
  // The assets' walk-forwards, as many at once as there are cores (pf::RunTogether): the same signals as
  // one after another, in a fraction of the time for the slow models (xgboost refits ~2,000 times).
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  job.spec.batch = cores;
  if (cores > 1) job.spec.run_together = run_together;
  auto result = job.signals ? pf::replay_backtest(*job.panel, job.spec, *job.signals) : pf::run_backtest(*job.panel, job.spec);
  if (!result.ok() && result.error().code == "cancelled") return;  // stopping: resumed at the next start
  auto shared_result = std::make_shared<Result<pf::BacktestResult>>(std::move(result));
  auto shared_job = std::make_shared<BacktestRun>(std::move(job));
  service_.submit(
      [shared_result, shared_job](JobContext& ctx) {
        const Result<pf::BacktestResult>& r = *shared_result;
        Savepoint sp(ctx.db(), "backtest");
        Status stored = sp.begin();
        if (stored.ok()) stored = r.ok() ? store_result(ctx, *shared_job, r.value()) : Status(r.error());
        if (stored.ok()) stored = sp.release();
        if (!stored.ok()) {
          sp.rollback();  // nothing of a failed result stays
          ctx.discard_actions();
          return error_response(stored.error());
        }
        auto j = backtest_json(ctx, shared_job->id);
        if (j.ok()) ctx.publish("BACKTEST_UPDATE", {{"backtest", *j}});
        return json_response(200, j.ok() ? *j : nlohmann::json(nullptr));
      },
      [this, id, shared_job](HttpResponse answer) {
        {
          std::lock_guard lock(mutex_);
          progress_.erase(id);
        }
        if (answer.status < 300) return;
        // The result could not be stored: record the failure (a job of its own, after the rollback).
        const auto parsed = nlohmann::json::parse(answer.body, nullptr, false);
        Error e{"internal", "the backtest failed"};
        if (parsed.is_object() && parsed.contains("error"))
          e = {parsed["error"].value("code", "internal"), parsed["error"].value("message", "")};
        service_.submit(
            [id, e](JobContext& ctx) {
              if (Status s = mark_failed(ctx.db(), id, e); !s.ok()) return error_response(s.error());
              auto j = backtest_json(ctx, id);
              if (j.ok()) ctx.publish("BACKTEST_UPDATE", {{"backtest", *j}});
              return json_response(200, nlohmann::json::object());
            },
            [](HttpResponse) {});
      });
}

}  // namespace finsim::server
