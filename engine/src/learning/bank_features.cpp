#include "finsim/learning/bank_features.hpp"

#include <algorithm>
#include <array>

namespace finsim::learning {
namespace {

constexpr std::array<std::string_view, kBankFeatureCount> kBankNames{
    "tier_1",          "tier_2",          "tier_3",
    "capital_ratio",   "capital_gap",     "capital_stress",
    "liquidity_stress", "counterparty_stress", "stress",
    "cash_share",      "liquidity_gap",   "spare_cash",
    "withdrawal_share", "lending_share",  "borrowing_share",
    "asset_share",     "price",           "price_change",
    "borrower_stress", "lender_stress",   "counterparties_defaulted",
    "borrowers_in_need", "system_default_rate",
    "last_hold",       "last_lend",       "last_hoard",       "last_fire_sale",
    "can_lend",        "can_hoard",       "can_fire_sale"};

constexpr std::array<std::string_view, kSystemFeatureCount> kSystemNames{
    "system_liquidity",  "system_default_rate", "system_equity",     "system_exposure",
    "mean_stress",       "share_short_of_cash", "share_lent",        "share_hoarded",
    "share_sold",        "asset_price",         "episode_progress"};

}  // namespace

std::span<const std::string_view> bank_feature_names() { return kBankNames; }
std::span<const std::string_view> system_feature_names() { return kSystemNames; }

void bank_features(const BankObservation& o, ActionMask mask, std::span<double> out) {
  auto flag = [](bool b) { return b ? 1.0 : 0.0; };
  std::size_t k = 0;
  out[k++] = flag(o.tier == 1);
  out[k++] = flag(o.tier == 2);
  out[k++] = flag(o.tier >= 3);
  out[k++] = std::clamp(o.capital_ratio, -1.0, 1.0);
  out[k++] = o.capital_gap;
  out[k++] = o.capital_stress;
  out[k++] = o.liquidity_stress;
  out[k++] = o.counterparty_stress;
  out[k++] = o.stress;
  out[k++] = o.cash_share;
  out[k++] = o.liquidity_gap;
  out[k++] = o.spare_cash;
  out[k++] = o.withdrawal_share;
  out[k++] = o.lending_share;
  out[k++] = o.borrowing_share;
  out[k++] = o.asset_share;
  out[k++] = o.price;
  out[k++] = std::clamp(o.price_change, -1.0, 1.0);
  out[k++] = o.borrower_stress;
  out[k++] = o.lender_stress;
  out[k++] = o.counterparties_defaulted;
  out[k++] = o.borrowers_in_need;
  out[k++] = o.system_default_rate;
  for (int a = 0; a < kActionCount; ++a) out[k++] = flag(o.last_action == static_cast<Action>(a));
  out[k++] = flag(allows(mask, Action::lend));
  out[k++] = flag(allows(mask, Action::hoard));
  out[k++] = flag(allows(mask, Action::fire_sale));
}

}  // namespace finsim::learning
