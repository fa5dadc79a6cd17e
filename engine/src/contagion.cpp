#include "finsim/contagion.hpp"

#include <cstdint>

namespace finsim {

std::vector<std::pair<int, int>> directed_erdos_renyi(int n, double mean_degree, Rng& rng) {
  std::vector<std::pair<int, int>> edges;
  if (n < 2 || mean_degree <= 0.0) return edges;
  const double p = mean_degree / (n - 1);
  const std::uint64_t pairs = static_cast<std::uint64_t>(n) * static_cast<std::uint64_t>(n - 1);
  edges.reserve(static_cast<std::size_t>(mean_degree * n * 1.1) + 16);
  // Enumerate ordered pairs without self-loops as index k = i (n − 1) + (j adjusted past i).
  std::uint64_t k = rng.geometric(p);
  while (k < pairs) {
    const int i = static_cast<int>(k / static_cast<std::uint64_t>(n - 1));
    int j = static_cast<int>(k % static_cast<std::uint64_t>(n - 1));
    if (j >= i) ++j;
    edges.emplace_back(i, j);
    const std::uint64_t skip = rng.geometric(p);
    if (skip >= pairs - k) break;
    k += skip + 1;
  }
  return edges;
}

int gai_kapadia_cascade(int n, const std::vector<std::pair<int, int>>& edges, int first,
                        const GaiKapadiaParams& params) {
  const auto un = static_cast<std::size_t>(n);
  // creditors_of[j]: banks that lent to j and lose their claim when j fails.
  std::vector<int> start(un + 1, 0), debtors(un, 0);
  for (const auto& [lender, borrower] : edges) {
    ++start[static_cast<std::size_t>(borrower) + 1];
    ++debtors[static_cast<std::size_t>(lender)];
  }
  for (std::size_t i = 0; i < un; ++i) start[i + 1] += start[i];
  std::vector<int> creditors(edges.size()), cursor(start.begin(), start.end() - 1);
  for (const auto& [lender, borrower] : edges) creditors[static_cast<std::size_t>(cursor[borrower]++)] = lender;

  std::vector<std::int64_t> lost(un, 0);
  std::vector<unsigned char> failed(un, 0);
  std::vector<int> queue{first};
  failed[static_cast<std::size_t>(first)] = 1;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const int j = queue[head];
    for (int e = start[j]; e < start[j + 1]; ++e) {
      const int i = creditors[static_cast<std::size_t>(e)];
      if (failed[i]) continue;
      ++lost[i];
      if (params.interbank_share_ppm * lost[i] > params.capital_share_ppm * debtors[i]) {
        failed[i] = 1;
        queue.push_back(i);
      }
    }
  }
  return static_cast<int>(queue.size());
}

GaiKapadiaPoint gai_kapadia_point(const GaiKapadiaParams& params, int draws, Rng& rng) {
  GaiKapadiaPoint point;
  point.mean_degree = params.mean_degree;
  int contagious = 0;
  double extent_sum = 0.0;
  for (int d = 0; d < draws; ++d) {
    const auto edges = directed_erdos_renyi(params.banks, params.mean_degree, rng);
    const int first = static_cast<int>(rng.below(static_cast<std::uint64_t>(params.banks)));
    const int failed = gai_kapadia_cascade(params.banks, edges, first, params);
    if (static_cast<std::int64_t>(failed) * 100 >=
        static_cast<std::int64_t>(params.contagion_threshold_percent) * params.banks) {
      ++contagious;
      extent_sum += static_cast<double>(failed) / params.banks;
    }
  }
  if (draws > 0) point.p_contagion = static_cast<double>(contagious) / draws;
  if (contagious > 0) point.mean_extent = extent_sum / contagious;
  return point;
}

}  // namespace finsim
