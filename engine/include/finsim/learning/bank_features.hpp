// The numbers a learned bank policy sees: its BankObservation and action mask as a fixed-length
// vector (the actor's input), and the system summary that the critic sees in addition.
//
// Every feature is plain arithmetic on engine figures (copies, clamps, indicators), so the vector is
// identical natively and in WASM. Changing the list changes the policy file format: bump
// kPolicyFormatVersion (policy_file.hpp) and retrain the shipped policies.
#pragma once

#include <span>
#include <string_view>

#include "finsim/action.hpp"
#include "finsim/observation.hpp"

namespace finsim::learning {

/// Local observation: tier (one-hot, 3), 20 balance-sheet, market and counterparty figures of
/// BankObservation, the last action (one-hot, 4) and the feasibility of LEND, HOARD, FIRE_SALE (3).
inline constexpr int kBankFeatureCount = 30;

/// The names of the local features, in order (stored in policy files and checked when loading).
std::span<const std::string_view> bank_feature_names();

/// Writes the kBankFeatureCount features of one bank. The capital ratio is clipped to [−1, 1] (a bank
/// holding almost only cash reports ratios up to 20, which carry no extra information); the price
/// change to [−1, 1]. Precondition: out.size() == kBankFeatureCount.
void bank_features(const BankObservation& observation, ActionMask mask, std::span<double> out);

/// The system summary appended to a bank's features to form the critic's agent-specific global state
/// (Yu et al. 2022, §4 "agent-specific global state"): compact, so the critic's cost does not grow with
/// the number of banks.
inline constexpr int kSystemFeatureCount = 11;
std::span<const std::string_view> system_feature_names();

}  // namespace finsim::learning
