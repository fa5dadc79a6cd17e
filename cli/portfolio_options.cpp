#include "portfolio_options.hpp"

#include <nlohmann/json.hpp>

#include "finsim/portfolio/csv_import.hpp"

namespace finsim::cli {

using namespace finsim::portfolio;

FeeSchedule parse_fee_option(const std::string& value) {
  if (auto preset = fee_preset(value); preset.ok()) return std::move(preset).value();
  std::string text;
  try {
    text = read_input(value);
  } catch (const UsageError&) {
    throw UsageError("--fees: '" + value + "' is neither a preset (zero, flat, percent, tiered, ibkr_fixed, "
                     "ibkr_fixed_with_sec) nor a readable JSON file");
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error&) {
    throw UsageError("--fees: " + value + " is not valid JSON");
  }
  auto schedule = fee_schedule_from_json(j);
  if (!schedule.ok()) throw UsageError("--fees: " + schedule.error().message);
  return std::move(schedule).value();
}

SizingRule parse_sizing_option(const std::string& value, double max_fraction) {
  SizingRule r;
  r.max_fraction = max_fraction;
  const auto colon = value.find(':');
  const std::string kind = value.substr(0, colon);
  const bool has_number = colon != std::string::npos;
  const double number = has_number ? parse_number(value.substr(colon + 1), "--sizing", 1e-9, 1.0) : 0.0;
  if (kind == "fixed") {
    r.kind = SizingKind::fixed_fraction;
    if (has_number) r.fraction = number;
  } else if (kind == "confidence") {
    r.kind = SizingKind::confidence_scaled;
    if (has_number) r.fraction = number;
  } else if (kind == "kelly") {
    r.kind = SizingKind::kelly;
    if (has_number) r.kelly_multiplier = number;
  } else {
    throw UsageError("--sizing must be fixed:F, confidence:F or kelly[:M]");
  }
  if (r.max_fraction < r.fraction && r.kind != SizingKind::kelly) r.max_fraction = r.fraction;
  return r;
}

Period parse_period_option(const std::string& value) {
  if (const auto p = parse_period(value)) return *p;
  throw UsageError("--period must be daily, weekly, monthly, quarterly or yearly");
}

PricePanel read_price_file(const std::string& path) {
  const ImportReport r = import_price_csv(read_input(path));
  if (!r.panel) throw UsageError(import_error_line(path, r.issues, r.issue_count));
  return *r.panel;
}

std::string import_error_line(const std::string& path, const std::vector<ImportIssue>& issues, std::size_t issue_count) {
  const std::string where = path.empty() || path == "-" ? std::string("stdin") : path;
  if (issues.empty()) return where + ": cannot be imported";
  std::string line = where + ":" + std::to_string(issues.front().line) + ": " + issues.front().message;
  if (issue_count > 1) line += " (and " + std::to_string(issue_count - 1) + " more issues)";
  return line;
}

Date parse_date_option(const std::string& value, const std::string& what) {
  if (const auto d = parse_date(value)) return *d;
  throw UsageError(what + " must be " + std::string(kDateForms));
}

}  // namespace finsim::cli
