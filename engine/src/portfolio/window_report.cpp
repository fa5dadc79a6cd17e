#include "finsim/portfolio/window_report.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace finsim::portfolio {

std::vector<WindowReport> report_windows(const PricePanel& panel, std::span<const NavSnapshot> nav,
                                         const BuyAndHold& benchmark, std::span<const Signal> signals,
                                         std::span<const Fill> fills, std::size_t start_bar, std::size_t window) {
  std::vector<WindowReport> out;
  if (nav.empty() || window == 0 || benchmark.value.size() != nav.size()) return out;
  const std::size_t n = nav.size();  // offsets 0 … n − 1 are bars start_bar … start_bar + n − 1
  for (std::size_t first = 0; first < n; first += window) {
    const std::size_t last = std::min(first + window, n) - 1;
    const std::size_t base = first == 0 ? 0 : first - 1;
    WindowReport w;
    w.first_bar = start_bar + first;
    w.last_bar = start_bar + last;
    w.first = nav[first].date;
    w.last = nav[last].date;
    w.total_return = nav[base].nav != 0.0 ? nav[last].nav / nav[base].nav - 1.0 : std::nan("");
    w.benchmark_return = benchmark.value[last] / benchmark.value[base] - 1.0;
    w.excess_return = w.total_return - w.benchmark_return;
    out.push_back(w);
  }
  // Each signal and fill once, into the window holding its date or bar.
  std::vector<std::size_t> scored(out.size(), 0), hits(out.size(), 0);
  for (const Signal& s : signals) {
    if (s.action == SignalAction::hold) continue;
    const auto after = std::upper_bound(out.begin(), out.end(), s.date,
                                        [](const Date& d, const WindowReport& w) { return d < w.first; });
    if (after == out.begin() || s.date > std::prev(after)->last) continue;
    const auto k = static_cast<std::size_t>(std::prev(after) - out.begin());
    ++out[k].signals;
    const auto asset = panel.find(s.ticker);
    const std::size_t bars = panel.bars_through(s.date);  // the signal's bar is bars − 1
    if (!asset || bars == 0 || bars >= panel.bar_count()) continue;
    const double now = panel.close(bars - 1, *asset), next = panel.close(bars, *asset);
    if (std::isnan(now) || std::isnan(next) || next == now) continue;
    ++scored[k];
    hits[k] += (next > now) == (s.action == SignalAction::buy) ? 1 : 0;
  }
  for (std::size_t k = 0; k < out.size(); ++k)
    out[k].hit_rate = scored[k] ? static_cast<double>(hits[k]) / static_cast<double>(scored[k]) : std::nan("");
  for (const Fill& f : fills)
    if (f.bar >= start_bar && f.bar < start_bar + n) ++out[(f.bar - start_bar) / window].fills;
  return out;
}

}  // namespace finsim::portfolio
