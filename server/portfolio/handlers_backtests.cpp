// Backtests: launched (202, run in the background), listed, watched (progress), opened (their
// result is a portfolio with its full history).
#include "backtest_runner.hpp"
#include "handler_support.hpp"
#include "handlers.hpp"

namespace finsim::server::handlers {

using nlohmann::json;

HttpResponse create_backtest(ApiCall& call) {
  auto body = call.body();
  if (!body.ok()) return error_response(body.error());
  json normalized;
  auto run = backtest_from_json(call.ctx, *body, normalized);
  if (!run.ok()) return error_response(run.error());
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
  st->bind(1, static_cast<std::int64_t>(page->limit)).bind(2, static_cast<std::int64_t>(page->offset));
  std::vector<std::int64_t> ids;
  const Status each_status = st->each([&] {
    ids.push_back(st->integer(0));
  });
  if (!each_status.ok()) return error_response(each_status.error());
  json list = json::array();
  for (std::int64_t id : ids) {
    auto j = backtest_json(call.ctx, id);
    if (!j.ok()) return error_response(j.error());
    list.push_back(std::move(j).value());
  }
  return json_response(200, {{"backtests", list}});
}

HttpResponse get_backtest(ApiCall& call) {
  auto j = backtest_json(call.ctx, call.id());
  if (!j.ok()) return error_response(j.error());
  return json_response(200, *j);
}

}  // namespace finsim::server::handlers
