#include "market_import.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "aggregator_reader.hpp"
#include "api_responses.hpp"

namespace finsim::server {
namespace {

namespace pf = finsim::portfolio;
using nlohmann::json;

/// Markets the server keeps, the default one included (docs/portfolio-api.md, "Limits"): each holds
/// its whole price history in memory.
constexpr std::size_t kMaxMarkets = 100;

ImportResult error(const Error& e) { return {http_status(e.code), {{"error", {{"code", e.code}, {"message", e.message}}}}}; }

json issues_json(const pf::ImportReport& r) {
  json list = json::array();
  for (const pf::ImportIssue& i : r.issues) list.push_back({{"line", i.line}, {"message", i.message}});
  return list;
}

json summary_json(const pf::ImportReport& r) {
  return {{"rows_read", r.rows_read}, {"rows_imported", r.rows_imported}, {"issue_count", r.issue_count},
          {"issues", issues_json(r)}};
}

Result<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("bad_import", "cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// The bar a new market's clock starts at.
Result<std::size_t> clock_bar(const pf::PricePanel& panel, const std::string& clock) {
  if (clock == "end") return panel.bar_count() - 1;
  if (clock == "start") return std::size_t{0};
  const auto d = pf::parse_date(clock);
  if (!d || panel.bars_through(*d) == 0) return make_error("bad_import", "clock must be end, start or a date within the data");
  return panel.bars_through(*d) - 1;
}

}  // namespace

ParsedImport parse_import(ImportRequest req) {
  ParsedImport out;
  if (req.format == "aggregator") {
    out.report = read_aggregator(req.path, req.options);
    out.source = "financial_data_aggregator " + std::filesystem::path(req.path).filename().string();
  } else if (req.format == "csv") {
    std::string text = std::move(req.csv_text);
    req.csv_text.clear();
    if (!req.path.empty()) {
      auto read = read_text(req.path);
      if (!read.ok()) {
        out.refusal = error(read.error());
        out.request = std::move(req);
        return out;
      }
      text = std::move(read).value();
      out.source = "CSV " + std::filesystem::path(req.path).filename().string();
    } else {
      out.source = "CSV upload";
    }
    out.report = pf::import_price_csv(text, req.options);
  } else {
    out.refusal = error(make_error("bad_import", "format must be csv or aggregator"));
    out.request = std::move(req);
    return out;
  }
  const pf::ImportReport& report = out.report;
  if (!report.panel || report.panel->bar_count() == 0) {
    const std::string first = report.issues.empty() ? "no data" : report.issues.front().message;
    json body = {{"error", {{"code", "bad_import"},
                            {"message", "nothing was imported: " + first +
                                            (report.issue_count > 1 ? " (and " + std::to_string(report.issue_count - 1) +
                                                                          " more issues)" : "")}}}};
    body["error"]["issues"] = issues_json(report);
    body["error"]["issue_count"] = report.issue_count;
    out.refusal = ImportResult{422, body};
  } else if (auto clock = clock_bar(*report.panel, req.clock); !clock.ok()) {
    out.refusal = error(clock.error());
  } else {
    out.clock_bar = *clock;
  }
  out.request = std::move(req);
  return out;
}

std::variant<ImportWrite, ImportResult> ImportWrite::begin(JobContext& ctx, std::shared_ptr<const ParsedImport> parsed) {
  if (parsed->refusal) return *parsed->refusal;
  Book& book = ctx.book();
  const ImportRequest& req = parsed->request;
  const pf::PricePanel& panel = *parsed->report.panel;
  std::string name = req.name;
  if (req.into) {
    auto m = book.market(*req.into);
    if (!m.ok()) return error(m.error());
    const Market& into = **m;
    if (into.kind != "imported")
      return error(make_error("conflict", "market '" + into.name + "' is simulated: import into a new or an imported market"));
    if (into.has_bars() && panel.bar_count() > 0 && into.panel->intraday() != panel.intraday())
      return error(make_error("conflict", std::string("the file's bars are ") + (panel.intraday() ? "intraday" : "days") +
                                              " but market '" + into.name + "' has " +
                                              (into.panel->intraday() ? "intraday bars" : "daily bars") +
                                              ": a market holds one or the other"));
    for (const pf::Asset& a : panel.assets()) {
      const auto existing = into.panel->find(a.ticker);
      if (existing && into.panel->asset(*existing).asset_class != a.asset_class)
        return error(make_error("conflict", "ticker " + a.ticker + " is a " +
                                                std::string(pf::asset_class_name(into.panel->asset(*existing).asset_class)) +
                                                " in market '" + into.name + "', not a " +
                                                std::string(pf::asset_class_name(a.asset_class))));
    }
    // Written under a name of its own, merged at the end.
    name = "(importing into " + std::to_string(into.id) + ", " +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ")";
  } else {
    if (book.markets().size() >= kMaxMarkets)
      return error(make_error("too_many_markets", "the server keeps at most " + std::to_string(kMaxMarkets) +
                                                      " markets: import into an existing imported market instead"));
    if (name.empty()) name = "imported-" + std::to_string(book.markets().size() + 1);
    for (const auto& [id, m] : book.markets())
      if (m.name == name) return error(make_error("conflict", "a market called '" + name + "' exists already"));
  }
  auto hidden = create_hidden_market(ctx.db(), name, parsed->source, panel);
  if (!hidden.ok()) return error(hidden.error());
  return ImportWrite(std::move(parsed), std::move(hidden).value(), std::move(name));
}

Result<bool> ImportWrite::store_slice(JobContext& ctx, std::chrono::milliseconds budget) {
  return store_price_slice(ctx.db(), hidden_, *parsed_->report.panel, budget);
}

ImportResult ImportWrite::finish(JobContext& ctx) {
  Book& book = ctx.book();
  const ParsedImport& p = *parsed_;
  const pf::PricePanel& panel = *p.report.panel;
  std::int64_t id = hidden_.id;
  if (p.request.into) {
    id = *p.request.into;
    if (Status s = merge_hidden_market(ctx.db(), hidden_, name_, id, p.source); !s.ok()) return error(s.error());
    // Assets and bars may have been added to a market portfolios hold: read them back with it.
    bool held = false;
    for (const auto& [pid, l] : book.ledgers()) held = held || l.info.market_id == id;
    if (held) {
      if (Status s = book.load(); !s.ok()) return error(s.error());
    } else {
      auto merged = load_markets(ctx.db(), id);
      if (!merged.ok() || merged->size() != 1)
        return error(merged.ok() ? make_error("store", "market " + std::to_string(id) + " vanished") : merged.error());
      book.markets().at(id) = std::move(merged->front());
    }
  } else {
    if (Status s = reveal_market(ctx.db(), hidden_, panel, p.clock_bar); !s.ok()) return error(s.error());
    book.markets().emplace(id, imported_market(id, name_, p.source, hidden_.created_at, panel, hidden_.asset_ids,
                                               p.clock_bar));
  }
  json out = {{"market", market_to_json(book.markets().at(id))}, {"report", summary_json(p.report)}};
  ctx.publish("MARKET_UPDATE", {{"market", out["market"]}, {"bars", json::array()}});
  return {201, out};
}

ImportResult import_prices(JobContext& ctx, const ImportRequest& request) {
  auto parsed = std::make_shared<const ParsedImport>(parse_import(request));
  auto begun = ImportWrite::begin(ctx, parsed);
  if (auto* refused = std::get_if<ImportResult>(&begun)) return *refused;
  ImportWrite& write = std::get<ImportWrite>(begun);
  for (;;) {
    auto done = write.store_slice(ctx, std::chrono::hours(1));
    if (!done.ok()) return error(done.error());
    if (*done) break;
  }
  return write.finish(ctx);
}

}  // namespace finsim::server
