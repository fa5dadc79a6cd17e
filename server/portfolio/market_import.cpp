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

ImportResult error(const Error& e) { return {http_status(e.code), {{"error", {{"code", e.code}, {"message", e.message}}}}}; }

json issues_json(const pf::ImportReport& r) {
  json list = json::array();
  for (const pf::ImportIssue& i : r.issues) list.push_back({{"line", i.line}, {"message", i.message}});
  return list;
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

ImportResult import_prices(JobContext& ctx, const ImportRequest& req) {
  Book& book = ctx.book();
  const Market* into = nullptr;
  if (req.into) {
    auto m = book.market(*req.into);
    if (!m.ok()) return error(m.error());
    into = *m;
  }
  pf::ImportReport report;
  std::string source;
  if (req.format == "aggregator") {
    report = read_aggregator(req.path, req.options);
    source = "financial_data_aggregator " + std::filesystem::path(req.path).filename().string();
  } else if (req.format == "csv") {
    std::string text = req.csv_text;
    if (!req.path.empty()) {
      auto read = read_text(req.path);
      if (!read.ok()) return error(read.error());
      text = std::move(read).value();
      source = "CSV " + std::filesystem::path(req.path).filename().string();
    } else {
      source = "CSV upload";
    }
    report = pf::import_price_csv(text, req.options);
  } else {
    return error(make_error("bad_import", "format must be csv or aggregator"));
  }
  const json summary = {{"rows_read", report.rows_read},
                        {"rows_imported", report.rows_imported},
                        {"issue_count", report.issue_count},
                        {"issues", issues_json(report)}};
  if (!report.panel || report.panel->bar_count() == 0) {
    const std::string first = report.issues.empty() ? "no data" : report.issues.front().message;
    json body = {{"error", {{"code", "bad_import"},
                            {"message", "nothing was imported: " + first +
                                            (report.issue_count > 1 ? " (and " + std::to_string(report.issue_count - 1) +
                                                                          " more issues)" : "")}}}};
    body["error"]["issues"] = summary["issues"];
    body["error"]["issue_count"] = report.issue_count;
    return {422, body};
  }
  auto clock = clock_bar(*report.panel, req.clock);
  if (!clock.ok()) return error(clock.error());
  std::string name = req.name;
  if (name.empty() && !into) name = "imported-" + std::to_string(book.markets().size() + 1);
  auto market = store_imported_panel(ctx.db(), name, source, *report.panel, *clock, into);
  if (!market.ok()) return error(market.error());
  // Assets and bars may have been added to a market portfolios hold: read everything back.
  if (Status s = book.load(); !s.ok()) return error(s.error());
  const Market& stored = book.markets().at(market->id);
  json out = {{"market", market_to_json(stored)}, {"report", summary}};
  ctx.publish("MARKET_UPDATE", {{"market", out["market"]}, {"bars", json::array()}});
  return {201, out};
}

}  // namespace finsim::server
