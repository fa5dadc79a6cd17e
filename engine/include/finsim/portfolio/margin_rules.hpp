// A portfolio's margin rules (margin.hpp): what share of its short market value its equity must cover
// to open a short and to keep it, and the annual fee for borrowing the shares. Apart from margin.hpp
// so that PortfolioRules can hold them.
#pragma once

namespace finsim::portfolio {

/// The Reg T and FINRA figures for a new short-selling portfolio, and a general-collateral borrow fee.
inline constexpr double kRegTInitialMargin = 0.5;
inline constexpr double kFinraMaintenanceMargin = 0.3;
inline constexpr double kGeneralCollateralBorrowRate = 0.0025;

struct MarginRules {
  double initial = 0.0;      ///< share of S that E must cover to open a short; 0 = none
  double maintenance = 0.0;  ///< share of S that E must keep covering; 0 = no calls
  double borrow_rate = 0.0;  ///< annual, actual/360
  [[nodiscard]] bool any() const { return initial > 0.0 || maintenance > 0.0 || borrow_rate > 0.0; }
};

}  // namespace finsim::portfolio
