#include "finsim/network.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>

#include "finsim/contagion.hpp"

namespace finsim {

int default_core_size(int banks) {
  return std::max(2, static_cast<int>(std::lround(std::sqrt(static_cast<double>(banks)))));
}

namespace {

void sort_unique(std::vector<std::pair<int, int>>& links) {
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());
}

}  // namespace

Network core_periphery_network(const SimConfig& c, Rng& rng) {
  Network net;
  const int n = c.banks;
  net.banks = n;
  const int core = std::min(n - 1, c.core_banks > 0 ? c.core_banks : default_core_size(n));
  const int tier2 = std::min(n - core, static_cast<int>(std::lround(c.tier2_share * n)));
  net.tier.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) net.tier[i] = i < core ? 1 : (i < core + tier2 ? 2 : 3);

  auto& links = net.links;
  for (int i = 0; i < core; ++i)
    for (int j = 0; j < core; ++j)
      if (i != j) links.emplace_back(i, j);

  const double target = std::round(c.mean_degree * n);
  const double remaining = std::max(0.0, target - static_cast<double>(links.size()));
  const double periphery_links = std::round(c.periphery_link_share * remaining);
  const double core_periphery_links = remaining - periphery_links;

  // Core–periphery: weight 2 for tier 2, 1 for tier 3; two directions per (core, periphery) pair.
  double weight_sum = 0.0;
  for (int i = core; i < n; ++i) weight_sum += net.tier[i] == 2 ? 2.0 : 1.0;
  for (int p = core; p < n; ++p) {
    const double w = net.tier[p] == 2 ? 2.0 : 1.0;
    const double prob = weight_sum > 0 ? std::min(1.0, core_periphery_links * w / (2.0 * core * weight_sum)) : 0;
    bool lends_to_core = false, borrows_from_core = false;
    for (int k = 0; k < core; ++k) {
      if (rng.bernoulli(prob)) {
        links.emplace_back(k, p);
        borrows_from_core = true;
      }
      if (rng.bernoulli(prob)) {
        links.emplace_back(p, k);
        lends_to_core = true;
      }
    }
    // Every periphery bank has a core relationship both ways, so nobody starts cut off.
    if (core > 0 && !borrows_from_core) links.emplace_back(static_cast<int>(rng.below(core)), p);
    if (core > 0 && !lends_to_core) links.emplace_back(p, static_cast<int>(rng.below(core)));
  }

  // Periphery–periphery: distinct random ordered pairs.
  const std::int64_t periphery = n - core;
  const auto wanted = static_cast<std::int64_t>(
      std::min(periphery_links, static_cast<double>(periphery * (periphery - 1))));
  std::unordered_set<std::int64_t> seen;
  for (std::int64_t made = 0; made < wanted;) {
    const int a = core + static_cast<int>(rng.below(static_cast<std::uint64_t>(periphery)));
    const int b = core + static_cast<int>(rng.below(static_cast<std::uint64_t>(periphery)));
    if (a == b || !seen.insert(static_cast<std::int64_t>(a) * n + b).second) continue;
    links.emplace_back(a, b);
    ++made;
  }
  sort_unique(links);
  return net;
}

Network erdos_renyi_network(const SimConfig& c, Rng& rng) {
  Network net;
  const int n = c.banks;
  net.banks = n;
  net.links = directed_erdos_renyi(n, c.mean_degree, rng);
  sort_unique(net.links);
  std::vector<int> degree(static_cast<std::size_t>(n), 0);
  for (const auto& [a, b] : net.links) {
    ++degree[a];
    ++degree[b];
  }
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return degree[a] > degree[b]; });
  net.tier.assign(static_cast<std::size_t>(n), 3);
  const int tier1 = std::max(1, n / 10), tier2 = (3 * n) / 10;
  for (int r = 0; r < n; ++r) net.tier[order[r]] = r < tier1 ? 1 : (r < tier1 + tier2 ? 2 : 3);
  return net;
}

Network make_network(const SimConfig& config, Rng& rng) {
  return config.network == "erdos_renyi" ? erdos_renyi_network(config, rng) : core_periphery_network(config, rng);
}

}  // namespace finsim
