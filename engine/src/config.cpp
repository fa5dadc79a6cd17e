#include "finsim/config.hpp"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

namespace finsim {
namespace {

constexpr std::array<std::string_view, 2> kNetworks{"core_periphery", "erdos_renyi"};
constexpr std::array<std::string_view, 2> kSeniorities{"senior", "pari_passu"};
constexpr std::array<std::string_view, 3> kShockTargets{"all", "core", "periphery"};

constexpr ParamSpec real(std::string_view name, std::string_view group, double SimConfig::*field,
                         double min, double max, std::string_view description) {
  ParamSpec s{name, group, description, ParamKind::real, nullptr, nullptr, nullptr, 0.0, 0.0, {}};
  s.real = field;
  s.min = min;
  s.max = max;
  return s;
}

constexpr ParamSpec integer(std::string_view name, std::string_view group, int SimConfig::*field, int min,
                            int max, std::string_view description) {
  ParamSpec s{name, group, description, ParamKind::integer, nullptr, nullptr, nullptr, 0.0, 0.0, {}};
  s.integer = field;
  s.min = min;
  s.max = max;
  return s;
}

template <std::size_t N>
constexpr ParamSpec choice(std::string_view name, std::string_view group, std::string SimConfig::*field,
                           const std::array<std::string_view, N>& choices, std::string_view description) {
  ParamSpec s{name, group, description, ParamKind::choice, nullptr, nullptr, nullptr, 0.0, 0.0, {}};
  s.text = field;
  s.choices = choices;
  return s;
}

using C = SimConfig;
const std::array kSpecs{
    choice("network", "network", &C::network, kNetworks, "network generator"),
    integer("banks", "network", &C::banks, 2, kMaxBanks, "number of banks"),
    real("mean_degree", "network", &C::mean_degree, 0.0, 50.0, "target credit links per bank"),
    integer("core_banks", "network", &C::core_banks, 0, 1000, "tier-1 banks, fully interconnected; 0 = round(sqrt(banks))"),
    real("tier2_share", "network", &C::tier2_share, 0.0, 0.9, "share of banks in tier 2"),
    real("periphery_link_share", "network", &C::periphery_link_share, 0.0, 1.0, "share of non-core links between two periphery banks"),
    real("size_tier1", "balance_sheet", &C::size_tier1, 0.01, 1000.0, "total assets of a tier-1 bank, in hundreds"),
    real("size_tier2", "balance_sheet", &C::size_tier2, 0.01, 1000.0, "total assets of a tier-2 bank, in hundreds"),
    real("size_tier3", "balance_sheet", &C::size_tier3, 0.01, 1000.0, "total assets of a tier-3 bank, in hundreds"),
    real("size_dispersion", "balance_sheet", &C::size_dispersion, 0.0, 0.9, "sizes vary uniformly within +/- this share"),
    real("equity_dispersion", "balance_sheet", &C::equity_dispersion, 0.0, 0.9, "equity shares vary uniformly within +/- this share"),
    real("cash_dispersion", "balance_sheet", &C::cash_dispersion, 0.0, 0.9, "cash shares vary uniformly within +/- this share"),
    real("cash_share", "balance_sheet", &C::cash_share, 0.0, 1.0, "cash, share of total assets"),
    real("interbank_share", "balance_sheet", &C::interbank_share, 0.0, 1.0, "interbank lending, share of total assets"),
    real("loan_book_share", "balance_sheet", &C::loan_book_share, 0.0, 1.0, "illiquid loans to the economy, share of total assets"),
    real("initial_coverage", "balance_sheet", &C::initial_coverage, 0.0, 10.0, "cash at t = 0 covers at least this multiple of the liquidity buffer"),
    real("equity_share", "balance_sheet", &C::equity_share, 0.0, 1.0, "equity, share of total assets"),
    real("min_deposit_share", "balance_sheet", &C::min_deposit_share, 0.0, 0.9, "deposits are at least this share of total assets"),
    real("capital_requirement", "regulation", &C::capital_requirement, 0.0, 1.0, "minimum equity / risk-weighted assets"),
    real("capital_buffer", "regulation", &C::capital_buffer, 1e-6, 1.0, "capital stress falls to 0 at requirement + buffer"),
    real("deposit_runoff", "regulation", &C::deposit_runoff, 0.0, 1.0, "liquidity buffer: share of deposits that may run off in one step"),
    real("interbank_runoff", "regulation", &C::interbank_runoff, 0.0, 1.0, "liquidity buffer: share of interbank borrowing that may be called in one step"),
    integer("lender_of_last_resort", "regulation", &C::lender_of_last_resort, 0, 1, "1 = solvent banks short of cash borrow from the central bank against collateral instead of failing"),
    real("lolr_haircut", "regulation", &C::lolr_haircut, 0.0, 1.0, "lender of last resort: haircut on securities pledged as collateral"),
    real("lolr_loan_haircut", "regulation", &C::lolr_loan_haircut, 0.0, 1.0, "lender of last resort: haircut on the loan book pledged as collateral"),
    real("deposit_volatility", "deposits", &C::deposit_volatility, 0.0, 0.5, "std. dev. of net deposit flows per step"),
    real("deposit_reversion", "deposits", &C::deposit_reversion, 0.0, 1.0, "pull of deposits back to their initial level per step"),
    real("run_sensitivity", "deposits", &C::run_sensitivity, 0.0, 1.0, "extra withdrawal share per step at liquidity stress 1"),
    real("run_threshold", "deposits", &C::run_threshold, 0.0, 0.99, "liquidity stress above which depositors run"),
    real("deposit_flight_share", "deposits", &C::deposit_flight_share, 0.0, 1.0, "share of fleeing deposits re-deposited at safe core banks (flight to quality)"),
    real("lend_share", "actions", &C::lend_share, 0.0, 1.0, "share of spare cash one LEND extends"),
    real("hoard_recall_share", "actions", &C::hoard_recall_share, 0.0, 1.0, "share of outstanding loans one HOARD recalls"),
    real("fire_sale_share", "actions", &C::fire_sale_share, 0.0, 1.0, "share of holdings one FIRE_SALE sells"),
    real("repay_share", "actions", &C::repay_share, 0.0, 1.0, "share of excess cash used to repay interbank borrowing"),
    integer("hoard_persistence", "actions", &C::hoard_persistence, 0, 1000, "steps after a HOARD during which the bank makes no new loans and lets loans run off"),
    real("hoard_runoff_share", "actions", &C::hoard_runoff_share, 0.0, 1.0, "share of its loans a bank still hoarding lets run off per step"),
    real("hoard_alarm_stress", "actions", &C::hoard_alarm_stress, 0.0, 1.0, "borrower stress above which a hoarding lender asks a borrower for more in proportion to its stress (1 = every loan alike)"),
    real("loan_book_yield", "income", &C::loan_book_yield, 0.0, 0.01, "interest on the loan book per step, received in cash"),
    real("security_yield", "income", &C::security_yield, 0.0, 0.01, "coupons on securities per step, received in cash"),
    real("interbank_rate", "income", &C::interbank_rate, 0.0, 0.01, "interest on interbank loans per step, added to the loan"),
    real("deposit_rate", "income", &C::deposit_rate, 0.0, 0.01, "interest credited to deposits per step"),
    real("central_bank_rate", "income", &C::central_bank_rate, 0.0, 0.01, "interest on central-bank funding per step, added to it"),
    real("initial_price", "market", &C::initial_price, 1e-6, 1e6, "asset price at t = 0"),
    real("price_impact", "market", &C::price_impact, 0.0, 100.0, "alpha of the exponential inverse demand"),
    real("bank_market_share", "market", &C::bank_market_share, 1e-6, 1.0, "share of the asset's units held by banks at t = 0"),
    real("price_volatility", "market", &C::price_volatility, 0.0, 0.5, "std. dev. of the exogenous log-price move per step"),
    real("price_reversion", "market", &C::price_reversion, 0.0, 1.0, "pull of the log price toward its initial level per step"),
    real("price_drop_threshold", "market", &C::price_drop_threshold, 0.0, 1.0, "one-step fall that emits PRICE_DROP"),
    real("liquidation_rate", "market", &C::liquidation_rate, 0.0, 1.0, "share of failed banks' securities sold by their administrator per step"),
    real("fire_sale_discount", "market", &C::fire_sale_discount, 0.0, 0.5, "immediacy discount below the market price on every sale"),
    real("default_cost_alpha", "clearing", &C::default_cost_alpha, 0.0, 1.0, "Rogers-Veraart alpha: realised share of external assets in default"),
    real("default_cost_beta", "clearing", &C::default_cost_beta, 0.0, 1.0, "Rogers-Veraart beta: realised share of interbank receipts in default"),
    choice("seniority", "clearing", &C::seniority, kSeniorities, "deposits rank senior to, or pari passu with, interbank debt"),
    real("heuristic_hoard_stress", "heuristic", &C::heuristic_hoard_stress, 0.0, 1.0, "heuristic banks hoard above this borrower stress"),
    real("heuristic_lend_stress", "heuristic", &C::heuristic_lend_stress, 0.0, 1.0, "heuristic banks lend below this own stress"),
    integer("shock_step", "shock", &C::shock_step, 0, 1000000, "timestep of the scenario shock; 0 = none"),
    real("shock_price", "shock", &C::shock_price, 0.0, 0.99, "share by which the asset price falls"),
    real("shock_withdrawal", "shock", &C::shock_withdrawal, 0.0, 1.0, "share of deposits withdrawn from each hit bank"),
    choice("shock_target", "shock", &C::shock_target, kShockTargets, "banks hit by the withdrawal"),
    real("shock_target_share", "shock", &C::shock_target_share, 0.0, 1.0, "share of the target group hit, at random"),
    integer("shock_defaults", "shock", &C::shock_defaults, 0, 1000, "largest tier-1 banks forced to default"),
};

std::string format_number(double x) {
  nlohmann::json j = x;
  return j.dump();
}

Status out_of_range(const ParamSpec& s) {
  return make_error("out_of_range", std::string(s.name) + " must be between " + format_number(s.min) +
                                        " and " + format_number(s.max));
}

Status set_real(SimConfig& c, const ParamSpec& s, double v) {
  if (!std::isfinite(v)) return make_error("bad_value", std::string(s.name) + " must be a finite number");
  if (v < s.min || v > s.max) return out_of_range(s);
  c.*s.real = v;
  return {};
}

Status set_integer(SimConfig& c, const ParamSpec& s, double v) {
  if (!std::isfinite(v) || v != std::floor(v))
    return make_error("bad_value", std::string(s.name) + " must be a whole number");
  if (v < s.min || v > s.max) return out_of_range(s);
  c.*s.integer = static_cast<int>(v);
  return {};
}

Status set_choice(SimConfig& c, const ParamSpec& s, std::string_view v) {
  for (std::string_view option : s.choices)
    if (option == v) {
      c.*s.text = std::string(v);
      return {};
    }
  std::string options;
  for (std::string_view option : s.choices) options += (options.empty() ? "" : ", ") + std::string(option);
  return make_error("bad_value", std::string(s.name) + " must be one of: " + options);
}

Status unknown(std::string_view name) {
  return make_error("unknown_parameter", "unknown parameter '" + std::string(name) +
                                             "' (finsim scenarios lists them)");
}

}  // namespace

std::span<const ParamSpec> parameter_specs() { return kSpecs; }

const ParamSpec* find_parameter(std::string_view name) {
  for (const ParamSpec& s : kSpecs)
    if (s.name == name) return &s;
  return nullptr;
}

Status set_parameter(SimConfig& config, std::string_view name, std::string_view text) {
  const ParamSpec* s = find_parameter(name);
  if (!s) return unknown(name);
  if (s->kind == ParamKind::choice) return set_choice(config, *s, text);
  const std::string buffer(text);
  // Plain decimal notation only: strtod also reads hexadecimal ("0x10"), "inf" and "nan".
  const bool decimal = !buffer.empty() && buffer.find_first_not_of("0123456789+-.eE") == std::string::npos;
  char* end = nullptr;
  errno = 0;
  const double v = decimal ? std::strtod(buffer.c_str(), &end) : 0.0;
  if (!decimal || end != buffer.c_str() + buffer.size() || errno == ERANGE)
    return make_error("bad_value", std::string(name) + " must be a decimal number, got '" + buffer + "'");
  return s->kind == ParamKind::real ? set_real(config, *s, v) : set_integer(config, *s, v);
}

Status set_parameter(SimConfig& config, std::string_view name, const nlohmann::json& value) {
  const ParamSpec* s = find_parameter(name);
  if (!s) return unknown(name);
  if (s->kind == ParamKind::choice) {
    if (!value.is_string()) return make_error("bad_value", std::string(name) + " must be a string");
    return set_choice(config, *s, value.get_ref<const std::string&>());
  }
  if (!value.is_number()) return make_error("bad_value", std::string(name) + " must be a number");
  const double v = value.get<double>();
  return s->kind == ParamKind::real ? set_real(config, *s, v) : set_integer(config, *s, v);
}

Status validate_config(const SimConfig& c) {
  if (c.cash_share + c.interbank_share + c.loan_book_share > 1.0)
    return make_error("out_of_range", "cash_share + interbank_share + loan_book_share must not exceed 1");
  if (c.equity_share + c.min_deposit_share > 1.0)
    return make_error("out_of_range", "equity_share + min_deposit_share must not exceed 1");
  if (c.network == "core_periphery") {
    const int core = c.core_banks;
    if (core > 0 && core >= c.banks) return make_error("out_of_range", "core_banks must be below banks");
  }
  if (static_cast<double>(c.banks) * c.mean_degree > 2.5e6)
    return make_error("out_of_range", "banks * mean_degree must not exceed 2,500,000 links");
  return {};
}

nlohmann::json config_to_json(const SimConfig& config) {
  nlohmann::json out = nlohmann::json::object();
  out["scenario"] = config.scenario;
  out["policy"] = config.policy;
  for (const ParamSpec& s : kSpecs) {
    const std::string key(s.name);
    switch (s.kind) {
      case ParamKind::real: out[key] = config.*s.real; break;
      case ParamKind::integer: out[key] = config.*s.integer; break;
      case ParamKind::choice: out[key] = config.*s.text; break;
    }
  }
  return out;
}

}  // namespace finsim
