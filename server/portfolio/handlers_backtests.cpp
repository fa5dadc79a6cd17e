// Backtests: launched (202, run in the background), listed, watched (progress), opened (their
// result is a portfolio with its full history).
#include "backtest_runner.hpp"
#include "handler_support.hpp"
#include "handlers.hpp"

namespace finsim::server::handlers {

using nlohmann::json;

namespace {

/// Backtests queued or running at once (docs/portfolio-api.md, "Limits"): one runs at a time.
constexpr std::int64_t kMaxWaitingBacktests = 16;

/// 429 when the queue is full, or when the result would pass the server's portfolio maximum.
Status room_for_a_backtest(ApiCall& call) {
  auto st = call.ctx.db().prepare("SELECT count(*) FROM backtests WHERE status IN ('queued', 'running')");
  if (!st.ok()) return st.error();
  if (auto row = st->step(); !row.ok()) return row.error();
  const std::int64_t waiting = st->integer(0);
  (void)st->step();
  if (waiting >= kMaxWaitingBacktests)
    return make_error("too_many_backtests", std::to_string(waiting) + " backtests are waiting to run, the maximum: "
                                            "try again when one is done");
  const std::size_t max = call.book().options().max_portfolios;
  if (call.book().active_portfolios() + static_cast<std::size_t>(waiting) >= max)
    return make_error("too_many_portfolios", "a backtest's result is a portfolio, and the server has " +
                                                 std::to_string(max) + " active portfolios (or backtests waiting to "
                                                 "become one), its maximum: archive some first");
  return {};
}

}  // namespace

HttpResponse create_backtest(ApiCall& call) {
  auto body = call.body();
  if (!body.ok()) return error_response(body.error());
  json normalized;
  auto run = backtest_from_json(call.ctx, *body, normalized);
  if (!run.ok()) return error_response(run.error());
  if (Status s = room_for_a_backtest(call); !s.ok()) return error_response(s.error());
  auto st = call.ctx.db().prepare("INSERT INTO backtests (market_id, model, spec, status) VALUES (?, ?, ?, 'queued')");
  if (!st.ok()) return error_response(st.error());
  st->bind(1, run->market_id).bind(2, run->spec.model).bind(3, normalized.dump());
  if (Status s = st->run(); !s.ok()) return error_response(s.error());
  run->id = call.ctx.db().last_insert_rowid();
  auto j = backtest_json(call.ctx, run->id);
  if (!j.ok()) return error_response(j.error());
  call.ctx.after_commit([runner = call.ctx.runner(), r = std::move(run).value()]() mutable {
    if (runner) runner->enqueue(std::move(r));
  });
  call.ctx.publish("BACKTEST_UPDATE", {{"backtest", *j}});
  HttpResponse r = json_response(202, *j);
  r.set("Location", "/api/backtests/" + std::to_string((*j)["id"].get<std::int64_t>()));
  return r;
}

HttpResponse list_backtests(ApiCall& call) {
  auto page = page_of(call);
  if (!page.ok()) return error_response(page.error());
  auto st = call.ctx.db().prepare("SELECT id FROM backtests ORDER BY id DESC LIMIT ? OFFSET ?");
  if (!st.ok()) return error_response(st.error());
  st->bind(1, static_cast<std::int64_t>(page->limit + 1)).bind(2, static_cast<std::int64_t>(page->offset));
  std::vector<std::int64_t> ids;
  const Status each_status = st->each([&] {
    ids.push_back(st->integer(0));
  });
  if (!each_status.ok()) return error_response(each_status.error());
  const bool more = ids.size() > page->limit;  // one more than the page was asked for
  if (more) ids.pop_back();
  json list = json::array();
  for (std::int64_t id : ids) {
    auto j = backtest_json(call.ctx, id);
    if (!j.ok()) return error_response(j.error());
    list.push_back(std::move(j).value());
  }
  json out = {{"backtests", list}};
  add_offset_paging(out, call, *page, more);
  return json_response(200, out);
}

HttpResponse get_backtest(ApiCall& call) {
  auto j = backtest_json(call.ctx, call.id());
  if (!j.ok()) return error_response(j.error());
  return json_response(200, *j);
}

}  // namespace finsim::server::handlers
