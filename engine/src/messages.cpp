#include "finsim/messages.hpp"

#include <cmath>
#include <cstdint>

namespace finsim {
namespace {

// The smallest amount six decimals write as other than 0.
constexpr double kSmallestPrinted = 1e-6;

void append_uint(std::string& out, std::uint64_t v) {
  char buf[24];
  int len = 0;
  do {
    buf[len++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (len > 0) out.push_back(buf[--len]);
}

void append_int(std::string& out, long long v) {
  if (v < 0) {
    out.push_back('-');
    append_uint(out, static_cast<std::uint64_t>(-(v + 1)) + 1);
  } else {
    append_uint(out, static_cast<std::uint64_t>(v));
  }
}

void key(std::string& out, const char* name) {
  out.push_back('"');
  out += name;
  out += "\":";
}

void field(std::string& out, const char* name, double x) {
  out.push_back(',');
  key(out, name);
  append_number(out, x);
}

// A JSON string. Identifiers the engine defines need no escaping; a learned policy's name comes from a
// file (valid UTF-8, checked by its parser) and may hold quotes, backslashes or control characters.
void text_field(std::string& out, const char* name, std::string_view text) {
  out.push_back(',');
  key(out, name);
  out.push_back('"');
  for (const char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (u < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
}

void int_field(std::string& out, const char* name, long long v) {
  out.push_back(',');
  key(out, name);
  append_int(out, v);
}

}  // namespace

void append_number(std::string& out, double x, int decimals) {
  static constexpr std::uint64_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
  if (!std::isfinite(x)) x = 0.0;
  const std::uint64_t scale = kPow10[decimals];
  const double scaled = std::round(std::fabs(x) * static_cast<double>(scale));
  auto units = static_cast<std::uint64_t>(scaled);
  if (units == 0) {
    out.push_back('0');
    return;
  }
  if (x < 0) out.push_back('-');
  append_uint(out, units / scale);
  std::uint64_t frac = units % scale;
  if (frac == 0) return;
  int digits = decimals;
  while (frac % 10 == 0) {
    frac /= 10;
    --digits;
  }
  out.push_back('.');
  char buf[12];
  for (int d = digits - 1; d >= 0; --d) {
    buf[d] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  out.append(buf, static_cast<std::size_t>(digits));
}

void append_state_update(const Simulation& sim, std::string& out, const SerializeOptions& options) {
  out += R"({"type":"STATE_UPDATE","schema_version":"1.0","payload":{"timestep":)";
  append_int(out, sim.timestep());
  text_field(out, "scenario", sim.config().scenario);
  text_field(out, "policy", sim.config().policy);  // the run's own: a switch does not make a new run
  if (sim.policy_name() != sim.config().policy) text_field(out, "current_policy", sim.policy_name());
  int_field(out, "seed", static_cast<long long>(sim.seed()));
  field(out, "asset_price", sim.price());
  out += R"(,"nodes":[)";
  for (int i = 0; i < sim.banks(); ++i) {
    const BankReport b = sim.bank(i);
    if (i > 0) out.push_back(',');
    out += R"({"id":")";
    append_int(out, i);
    out += R"(","tier":)";
    append_int(out, b.tier);
    field(out, "capital_ratio", b.capital_ratio);
    field(out, "stress", b.stress);
    text_field(out, "status", b.defaulted ? "defaulted" : "active");
    int_field(out, "last_updated_timestep", b.last_updated_timestep);
    if (options.bank_details) {
      text_field(out, "action", action_name(b.last_action));
      field(out, "cash", b.cash);
      field(out, "holdings_value", b.holdings_value);
      field(out, "loan_book", b.loan_book);
      field(out, "lent", b.lent);
      field(out, "borrowed", b.borrowed);
      field(out, "deposits", b.deposits);
      field(out, "due_to_administrator", b.due_to_authority);
      field(out, "central_bank_funding", b.central_bank_funding);
      field(out, "total_assets", b.total_assets);
      field(out, "equity", b.equity);
      field(out, "liquidity_coverage", b.liquidity_coverage);
      field(out, "capital_stress", b.capital_stress);
      field(out, "liquidity_stress", b.liquidity_stress);
      field(out, "counterparty_stress", b.counterparty_stress);
      // This step's flight of deposits, by cause, only where there was some (it would print as 0 below
      // the six decimals): most banks, most steps, have none.
      if (b.run_withdrawal >= kSmallestPrinted) field(out, "run_withdrawal", b.run_withdrawal);
      if (b.shock_withdrawal >= kSmallestPrinted) field(out, "shock_withdrawal", b.shock_withdrawal);
      if (b.defaulted) {
        int_field(out, "default_timestep", b.default_timestep);
        text_field(out, "default_cause", default_cause_name(b.default_cause));
        if (b.forced_by != ForcedBy::none) text_field(out, "forced_by", forced_by_name(b.forced_by));
      }
    }
    out.push_back('}');
  }
  out += R"(],"edges":[)";
  const auto& links = sim.network().links;
  const auto loans = sim.loans();
  bool first = true;
  for (std::size_t l = 0; l < links.size(); ++l) {
    if (loans[l] <= 0.0) continue;
    if (!first) out.push_back(',');
    first = false;
    out += R"({"source":")";
    append_int(out, links[l].first);
    out += R"(","target":")";
    append_int(out, links[l].second);
    out += R"(","weight":)";
    append_number(out, loans[l]);
    out += R"(,"type":"credit"})";
  }
  out += "]}}";
}

void append_event(const Event& e, std::string& out) {
  out += R"({"type":"EVENT","payload":{"event_id":"evt-)";
  append_int(out, e.timestep);
  out.push_back('-');
  append_int(out, e.sequence);
  out.push_back('"');
  text_field(out, "event_type", event_type_name(e.type));
  if (e.from >= 0) int_field(out, "from", e.from);
  if (e.to >= 0) int_field(out, "to", e.to);
  field(out, "amount", e.amount);
  int_field(out, "timestamp", e.timestep);
  switch (e.type) {
    case EventType::hoard: field(out, "repaid", e.repaid); break;
    case EventType::fire_sale:
      field(out, "units", e.units);
      field(out, "price", e.price);
      out += e.sale_cause == SaleCause::voluntary ? R"(,"forced":false)" : R"(,"forced":true)";
      text_field(out, "cause", sale_cause_name(e.sale_cause));
      break;
    case EventType::price_drop: field(out, "price", e.price); break;
    case EventType::bank_default:
      field(out, "recovery", e.recovery);
      text_field(out, "cause", default_cause_name(e.default_cause));
      if (e.forced_by != ForcedBy::none) text_field(out, "forced_by", forced_by_name(e.forced_by));
      break;
    case EventType::lend: break;
  }
  out += "}}";
}

void append_metrics_update(const Simulation& sim, std::string& out) {
  const Metrics& x = sim.metrics();
  out += R"({"type":"METRICS_UPDATE","payload":{"liquidity":)";
  append_number(out, x.liquidity);
  field(out, "default_rate", x.default_rate);
  field(out, "equilibrium_score", x.equilibrium_score);
  int_field(out, "timestep", x.timestep);
  field(out, "asset_price", x.asset_price);
  field(out, "price_change", x.price_change);
  int_field(out, "active_banks", x.active_banks);
  int_field(out, "defaulted_banks", x.defaulted_banks);
  int_field(out, "new_defaults", x.new_defaults);
  int_field(out, "default_waves", x.default_waves);
  field(out, "total_equity", x.total_equity);
  field(out, "interbank_exposure", x.interbank_exposure);
  out += "}}";
}

std::string state_update_json(const Simulation& sim, const SerializeOptions& options) {
  std::string out;
  append_state_update(sim, out, options);
  return out;
}

std::string event_json(const Event& event) {
  std::string out;
  append_event(event, out);
  return out;
}

std::string metrics_update_json(const Simulation& sim) {
  std::string out;
  append_metrics_update(sim, out);
  return out;
}

}  // namespace finsim
