#include "finsim/portfolio/window_report.hpp"

#include <algorithm>
#include <cmath>

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
    std::size_t scored = 0, hits = 0;
    for (const Signal& s : signals) {
      if (s.action == SignalAction::hold || s.date < w.first || s.date > w.last) continue;
      ++w.signals;
      const auto asset = panel.find(s.ticker);
      const std::size_t bars = panel.bars_through(s.date);  // the signal's bar is bars − 1
      if (!asset || bars == 0 || bars >= panel.bar_count()) continue;
      const double now = panel.close(bars - 1, *asset), next = panel.close(bars, *asset);
      if (std::isnan(now) || std::isnan(next) || next == now) continue;
      ++scored;
      hits += (next > now) == (s.action == SignalAction::buy) ? 1 : 0;
    }
    w.hit_rate = scored ? static_cast<double>(hits) / static_cast<double>(scored) : std::nan("");
    w.fills = static_cast<std::size_t>(std::count_if(fills.begin(), fills.end(), [&](const Fill& f) {
      return f.bar >= w.first_bar && f.bar <= w.last_bar;
    }));
    out.push_back(w);
  }
  return out;
}

}  // namespace finsim::portfolio
