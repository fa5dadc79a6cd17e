// The no-look-ahead check for anything that produces signals from a market.
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "finsim/portfolio/price_panel.hpp"
#include "finsim/portfolio/signal.hpp"

namespace portfolio_test {

using SignalSource = std::function<std::vector<finsim::portfolio::Signal>(const finsim::portfolio::PricePanel&)>;

inline bool same_signal(const finsim::portfolio::Signal& a, const finsim::portfolio::Signal& b) {
  return a.model == b.model && a.ticker == b.ticker && a.action == b.action && a.confidence == b.confidence &&
         a.date == b.date && (a.predicted_return == b.predicted_return ||
                              (std::isnan(a.predicted_return) && std::isnan(b.predicted_return)));
}

/// True when, for every cut bar k, the signals dated on or before bar k's date are the same (to the bit)
/// whether the source sees the whole panel or only bars 0..k. A source that reads any later bar changes
/// some signal at some cut and fails.
inline bool signals_are_causal(const SignalSource& source, const finsim::portfolio::PricePanel& panel,
                               std::span<const std::size_t> cuts) {
  const std::vector<finsim::portfolio::Signal> full = source(panel);
  for (std::size_t k : cuts) {
    const auto cut_date = panel.date(k);
    std::vector<finsim::portfolio::Signal> expected;
    for (const auto& s : full)
      if (s.date <= cut_date) expected.push_back(s);
    const std::vector<finsim::portfolio::Signal> truncated = source(panel.slice_bars(0, k + 1));
    if (truncated.size() != expected.size()) return false;
    for (std::size_t i = 0; i < expected.size(); ++i)
      if (!same_signal(truncated[i], expected[i])) return false;
  }
  return true;
}

}  // namespace portfolio_test
