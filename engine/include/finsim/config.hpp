// Every parameter of a simulation, with its default, range and meaning.
//
// One table (parameter_specs) describes every field: `finsim run --set key=value`, the worker's and
// server's reset bodies, `finsim scenarios` and the model documentation all read it, so a parameter is
// named, bounded and described in exactly one place. Amounts are in currency units; a tier-3 bank has
// total assets of about 100. Shares are fractions in [0, 1]. Rates are per timestep.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "finsim/result.hpp"

namespace finsim {

struct SimConfig {
  // --- identity ---
  std::string scenario = "calm";
  std::string policy = "heuristic";

  // --- network ---
  std::string network = "core_periphery";  ///< core_periphery | erdos_renyi
  int banks = 100;
  double mean_degree = 5.0;       ///< target credit links per bank (edges ≈ banks × mean_degree)
  int core_banks = 0;             ///< tier-1 banks; 0 = round(√banks)
  double tier2_share = 0.3;       ///< share of all banks in tier 2; the rest of the periphery is tier 3
  double periphery_link_share = 0.1;  ///< share of non-core links that join two periphery banks

  // --- balance sheets at t = 0 (shares of each bank's total assets) ---
  double size_tier1 = 10.0;       ///< total assets of a tier-1 bank, in units of 100
  double size_tier2 = 3.0;
  double size_tier3 = 1.0;
  double size_dispersion = 0.2;   ///< sizes drawn uniformly within ± this share
  double equity_dispersion = 0.3; ///< each bank's equity share drawn uniformly within ± this share of it
  double cash_dispersion = 0.3;   ///< each bank's cash share drawn uniformly within ± this share of it
  double cash_share = 0.08;
  double interbank_share = 0.15;  ///< interbank lending, split evenly over a bank's borrowers
  double loan_book_share = 0.45;  ///< illiquid loans to the real economy, held at book value
  double initial_coverage = 1.25; ///< cash at t = 0 is at least this multiple of the liquidity buffer
  double equity_share = 0.12;     ///< the rest of the assets are marketable securities (the asset)
  double min_deposit_share = 0.1; ///< deposits are raised (with matching cash) to at least this share

  // --- regulation and liquidity ---
  double capital_requirement = 0.06;  ///< minimum equity / risk-weighted assets
  double capital_buffer = 0.03;       ///< capital stress is 0 above requirement + buffer, 1 at the requirement
  /// The liquidity buffer a bank keeps before it lends, and against which its liquidity coverage and
  /// liquidity stress are measured: deposit_runoff × deposits + interbank_runoff × interbank borrowing
  /// (+ claims called by a failed lender's administrator), in the spirit of Basel III's LCR run-off rates.
  double deposit_runoff = 0.05;
  double interbank_runoff = 0.25;
  /// Lender of last resort (Bagehot 1873): 1 = a solvent bank (equity > 0) that cannot meet this step's
  /// payments from cash and receipts borrows from the central bank against collateral, before it sells
  /// anything, enough to pay and restore its liquidity buffer; at central_bank_rate (a penalty rate).
  int lender_of_last_resort = 0;
  double lolr_haircut = 0.15;         ///< haircut on securities (market value) pledged to the central bank
  double lolr_loan_haircut = 0.5;     ///< haircut on the loan book pledged to the central bank

  // --- deposits ---
  double deposit_volatility = 0.01;   ///< std. dev. of the net deposit flow, share of deposits per step
  double deposit_reversion = 0.1;     ///< pull of deposits back toward their initial level, per step
  double run_sensitivity = 0.15;      ///< extra withdrawal share at liquidity stress 1 (runs on illiquid banks)
  double run_threshold = 0.5;         ///< liquidity stress above which depositors start to run
  /// Flight to quality (Gatev & Strahan 2006): this share of the deposits that flee a bank (runs and the
  /// scenario's withdrawal) is deposited again, in the same step, at the core banks depositors see as
  /// safe (not themselves run on), pro rata to their deposits. The rest leaves the banking system.
  double deposit_flight_share = 0.8;

  // --- actions ---
  double lend_share = 0.5;            ///< share of spare cash a LEND extends to the neediest borrower
  double hoard_recall_share = 0.5;    ///< share of outstanding loans a HOARD recalls
  double fire_sale_share = 0.2;       ///< share of holdings a voluntary FIRE_SALE sells
  double repay_share = 0.25;          ///< share of excess cash used to repay interbank borrowing
  /// Hoarding is a stance, not a one-step event (Gai, Haldane & Kapadia 2011; Acharya & Skeie 2011): for
  /// this many steps after a HOARD the bank extends no new loans and does not roll over what matures,
  /// a share hoard_runoff_share of its remaining loans per step.
  int hoard_persistence = 5;
  double hoard_runoff_share = 0.25;
  /// Whom a hoarding lender recalls from (Afonso, Kovner & Schoar 2011: lenders grew more sensitive to
  /// borrower risk after Lehman). Lender i recalls min(L_l, λ_i · max(s_b, s_alarm) · L_l) of loan l, s_b
  /// the borrower's stress, λ_i such that the recalls add up to the share of its lending a HOARD (or the
  /// stance's runoff) takes: borrowers below the alarm level are asked alike, those above it in proportion
  /// to their stress. 1 asks every loan alike (the model before 2026-12-05). docs/model.md, phase 3a.
  double hoard_alarm_stress = 0.2;

  // --- income, per step (a step is about a trading day: annual rate / 250) ---
  double loan_book_yield = 0.00016;   ///< interest on the loan book, received in cash (4 % a year)
  double security_yield = 0.0001;     ///< coupons on securities at market value, received in cash (2.5 %)
  double interbank_rate = 0.00008;    ///< interest on interbank loans, added to the loan (2 %)
  double deposit_rate = 0.00004;      ///< interest credited to deposits (1 %)
  double central_bank_rate = 0.0002;  ///< interest on central-bank funding, added to it (5 %: a penalty rate)

  // --- market ---
  double initial_price = 1.0;
  double price_impact = 1.0536;       ///< α of P' = P·exp(−α·sold/outstanding) (Cifuentes, Shin & Ferrucci 2005)
  double bank_market_share = 0.3;     ///< share of the asset's outstanding units held by banks at t = 0
  double price_volatility = 0.005;    ///< std. dev. of the exogenous log-price move per step
  double price_reversion = 0.05;      ///< pull of the log price back toward its initial level per step
  double price_drop_threshold = 0.02; ///< a fall of at least this share in one step emits PRICE_DROP
  double liquidation_rate = 0.25;     ///< share of failed banks' securities their administrator sells per step
  double fire_sale_discount = 0.02;   ///< immediacy discount a seller accepts below the market price

  // --- clearing (Rogers & Veraart 2013) ---
  double default_cost_alpha = 0.9;    ///< share of external assets a defaulting bank realises
  double default_cost_beta = 0.95;    ///< share of interbank receipts a defaulting bank realises
  std::string seniority = "senior";   ///< deposits vs interbank debt: senior | pari_passu

  // --- heuristic policy ---
  double heuristic_hoard_stress = 0.2;  ///< hoard when borrowers' mean stress exceeds this
  double heuristic_lend_stress = 0.25;   ///< lend only while own stress is below this

  // --- scenario shock (at shock_step; 0 disables) ---
  int shock_step = 0;
  double shock_price = 0.0;           ///< share by which the asset price falls
  double shock_withdrawal = 0.0;      ///< share of deposits withdrawn from each hit bank
  std::string shock_target = "periphery";  ///< banks hit by the withdrawal: all | core | periphery
  double shock_target_share = 1.0;    ///< share of the target group hit, chosen at random
  int shock_defaults = 0;             ///< number of largest tier-1 banks forced to default
};

/// How a parameter is typed.
enum class ParamKind { real, integer, choice };

/// One row of the parameter table.
struct ParamSpec {
  std::string_view name;
  std::string_view group;
  std::string_view description;
  ParamKind kind;
  double SimConfig::*real = nullptr;
  int SimConfig::*integer = nullptr;
  std::string SimConfig::*text = nullptr;
  double min = 0.0;
  double max = 0.0;
  std::span<const std::string_view> choices;
};

/// The table, in documentation order.
std::span<const ParamSpec> parameter_specs();

/// The row for `name`, or nullptr.
const ParamSpec* find_parameter(std::string_view name);

/// Sets `name` from text ("0.25", "12", "senior"). Errors: unknown_parameter, bad_value, out_of_range.
/// On error `config` is unchanged.
Status set_parameter(SimConfig& config, std::string_view name, std::string_view text);

/// Sets `name` from a JSON value of the right type. Same errors; on error `config` is unchanged.
Status set_parameter(SimConfig& config, std::string_view name, const nlohmann::json& value);

/// Checks relations between parameters (shares that must leave room for each other, sizes).
Status validate_config(const SimConfig& config);

/// Every parameter as a JSON object {name: value}.
nlohmann::json config_to_json(const SimConfig& config);

/// The largest network the engine accepts.
inline constexpr int kMaxBanks = 20000;

}  // namespace finsim
