#include "finsim/scenarios.hpp"

namespace finsim {
namespace {

const std::vector<Scenario>& all() {
  static const std::vector<Scenario> kScenarios = {
      {"calm",
       "Deposits ebb and flow and the asset price wanders a little. Banks that run short borrow from "
       "linked banks with spare cash; loans are repaid when the cash comes back. Nobody sells in distress "
       "and nobody defaults.",
       {}},
      {"liquidity_freeze",
       "At step 10 depositors pull 12 % of their money out of most periphery banks; most of it flees to "
       "the core banks. Lent on, that money would carry most of the periphery through. Instead the stressed "
       "borrowers make their lenders nervous: banks hoard, recalling loans and refusing new ones. "
       "Borrowers that cannot roll over sell securities in a thin market, the price falls, depositors "
       "run on the weakest, and many fail. Without the hoarding far fewer fail, and so they do with a "
       "lender of last resort.",
       {{"shock_step", "10"},
        {"shock_withdrawal", "0.12"},
        {"shock_target", "periphery"},
        {"shock_target_share", "0.8"},
        {"price_impact", "2.5"},
        {"price_reversion", "0.02"}}},
      {"fire_sale_spiral",
       "At step 10 the asset price drops 12 %. Banks hold more of the asset than usual and less capital "
       "(every bank starts above its capital buffer): "
       "the weakest fall below their capital requirement and sell assets to restore it. Every sale "
       "depresses the price further (Cifuentes, Shin & Ferrucci 2005), pushing more banks below the "
       "requirement: the spiral ends in defaults.",
       {{"shock_step", "10"},
        {"shock_price", "0.12"},
        {"equity_share", "0.10"},
        {"equity_dispersion", "0.15"},
        {"loan_book_share", "0.35"},
        {"price_reversion", "0.02"}}},
      {"core_default",
       "At step 10 the largest core bank fails. Its creditors recover only part of their claims (default "
       "costs) and its borrowers must repay its administrator at once: losses travel along exposures, "
       "and funding dries up along the loans the failed bank had made.",
       {{"shock_step", "10"}, {"shock_defaults", "1"}, {"interbank_share", "0.25"},
        {"default_cost_alpha", "0.6"}, {"default_cost_beta", "0.6"}}},
      {"gai_kapadia",
       "Gai & Kapadia's (2010) world: an Erdos-Renyi network with mean degree 3.5 (inside the contagion "
       "window), identical banks with interbank assets 20 % and capital 4 % of their assets, nothing "
       "recovered from a failed borrower, and a quiet market. At step 5 one bank fails; with few but "
       "decisive exposures the failure can spread through much of the system.",
       {{"network", "erdos_renyi"},
        {"mean_degree", "3.5"},
        {"interbank_share", "0.2"},
        {"equity_share", "0.04"},
        {"equity_dispersion", "0"},
        {"cash_dispersion", "0"},
        {"size_tier1", "1"},
        {"size_tier2", "1"},
        {"size_tier3", "1"},
        {"size_dispersion", "0"},
        {"capital_requirement", "0.02"},
        {"capital_buffer", "0.02"},
        {"default_cost_alpha", "0"},
        {"default_cost_beta", "0"},
        {"deposit_volatility", "0"},
        {"price_volatility", "0"},
        {"price_impact", "0"},
        {"shock_step", "5"},
        {"shock_defaults", "1"}}},
  };
  return kScenarios;
}

}  // namespace

std::span<const Scenario> scenarios() { return all(); }

Result<SimConfig> scenario_config(std::string_view name) {
  for (const Scenario& s : all()) {
    if (s.name != name) continue;
    SimConfig config;
    config.scenario = std::string(name);
    for (const auto& [key, value] : s.settings) {
      Status st = set_parameter(config, key, value);
      if (!st.ok()) return st.error();  // a defect in the table; tested
    }
    return config;
  }
  std::string known;
  for (const Scenario& s : all()) known += (known.empty() ? "" : ", ") + std::string(s.name);
  return make_error("unknown_scenario", "unknown scenario '" + std::string(name) + "' (known: " + known + ")");
}

}  // namespace finsim
