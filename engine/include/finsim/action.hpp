// The four strategic actions of a bank, one per active bank per timestep.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace finsim {

enum class Action : std::uint8_t {
  hold = 0,       ///< keep positions
  lend = 1,       ///< extend short-term credit out of spare cash to the neediest borrower it has a link to
  hoard = 2,      ///< recall a share of outstanding interbank loans and refuse new lending
  fire_sale = 3,  ///< sell a share of its asset holdings for cash at the impacted price
};

inline constexpr int kActionCount = 4;

/// Bit `a` set when action `a` is feasible. HOLD is always feasible.
using ActionMask = std::uint8_t;

constexpr ActionMask mask_of(Action a) { return static_cast<ActionMask>(1u << static_cast<unsigned>(a)); }
constexpr bool allows(ActionMask m, Action a) { return (m & mask_of(a)) != 0; }

/// "HOLD", "LEND", "HOARD", "FIRE_SALE".
std::string_view action_name(Action a);

/// Inverse of action_name (also accepts lower case); nullopt for anything else.
std::optional<Action> parse_action(std::string_view name);

}  // namespace finsim
