// Network generators: the default core–periphery shape, large sizes, Erdős–Rényi, reproducibility.
#include <catch2/catch.hpp>

#include <set>

#include "finsim/network.hpp"

using namespace finsim;

TEST_CASE("the default network: 100 banks, about 500 links, a fully connected core of 10") {
  SimConfig c;
  Rng rng(42);
  const Network net = core_periphery_network(c, rng);
  CHECK(net.banks == 100);
  CHECK(net.links.size() >= 450);
  CHECK(net.links.size() <= 600);
  std::set<std::pair<int, int>> links(net.links.begin(), net.links.end());
  CHECK(links.size() == net.links.size());
  int core = 0;
  for (int t : net.tier) core += t == 1;
  CHECK(core == 10);
  for (int i = 0; i < 10; ++i)
    for (int j = 0; j < 10; ++j)
      if (i != j) CHECK(links.count({i, j}) == 1);
  // Every periphery bank lends to and borrows from the core.
  for (int p = 10; p < 100; ++p) {
    bool lends = false, borrows = false;
    for (int k = 0; k < 10; ++k) {
      lends = lends || links.count({p, k});
      borrows = borrows || links.count({k, p});
    }
    CHECK(lends);
    CHECK(borrows);
  }
  for (const auto& [a, b] : net.links) CHECK(a != b);
}

TEST_CASE("sizes scale to 10,000 banks and about 50,000 links") {
  SimConfig c;
  c.banks = 10000;
  Rng rng(1);
  const Network net = core_periphery_network(c, rng);
  CHECK(net.banks == 10000);
  CHECK(static_cast<double>(net.links.size()) == Approx(50000).epsilon(0.1));
}

TEST_CASE("Erdős–Rényi networks have the mean degree asked for, and tiers by degree") {
  SimConfig c;
  c.network = "erdos_renyi";
  c.banks = 1000;
  c.mean_degree = 3.5;
  Rng rng(3);
  const Network net = make_network(c, rng);
  CHECK(static_cast<double>(net.links.size()) / 1000 == Approx(3.5).epsilon(0.06));
  int tier1 = 0;
  for (int t : net.tier) tier1 += t == 1;
  CHECK(tier1 == 100);
}

TEST_CASE("the same seed gives the same network") {
  SimConfig c;
  Rng a(5), b(5), other(6);
  CHECK(core_periphery_network(c, a).links == core_periphery_network(c, b).links);
  Rng a2(5);
  CHECK(core_periphery_network(c, a2).links != core_periphery_network(c, other).links);
}
