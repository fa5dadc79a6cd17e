// Gai & Kapadia (2010): the tie rule, the random graph, and the robust-yet-fragile curve.
#include <catch2/catch.hpp>

#include <algorithm>

#include "finsim/contagion.hpp"

using namespace finsim;

TEST_CASE("a loss of exactly the capital leaves a bank standing and one more debtor lost fails it") {
  GaiKapadiaParams params;  // 20 % interbank, 4 % capital: fails iff 5·lost > debtors
  // Bank 0 lent to banks 1..5 (five debtors): losing one costs 20 %/5 = 4 % = its capital.
  std::vector<std::pair<int, int>> five{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}};
  CHECK(gai_kapadia_cascade(6, five, 1, params) == 1);
  // With four debtors the same loss is 5 % > 4 %: it fails.
  std::vector<std::pair<int, int>> four{{0, 1}, {0, 2}, {0, 3}, {0, 4}};
  CHECK(gai_kapadia_cascade(5, four, 1, params) == 2);
  // Five debtors, two lost: 8 % > 4 %.
  std::vector<std::pair<int, int>> chain{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {2, 1}};
  CHECK(gai_kapadia_cascade(6, chain, 1, params) == 3);
}

TEST_CASE("the directed Erdős–Rényi graph has the requested mean degree and no self-loops") {
  Rng rng(5);
  const int n = 2000;
  const auto edges = directed_erdos_renyi(n, 4.0, rng);
  CHECK(static_cast<double>(edges.size()) / n == Approx(4.0).epsilon(0.03));
  for (const auto& [a, b] : edges) {
    REQUIRE(a != b);
    REQUIRE(a >= 0);
    REQUIRE(b < n);
  }
  CHECK(std::is_sorted(edges.begin(), edges.end()));
}

TEST_CASE("robust yet fragile: contagion is likely at z = 4 and vanishes at z = 10") {
  GaiKapadiaParams params;
  params.banks = 1000;
  Rng rng(42);
  params.mean_degree = 4.0;
  const auto window = gai_kapadia_point(params, 200, rng);
  CHECK(window.p_contagion > 0.5);
  CHECK(window.mean_extent > 0.8);  // when it spreads, it takes most of the system
  params.mean_degree = 10.0;
  const auto dense = gai_kapadia_point(params, 200, rng);
  CHECK(dense.p_contagion < 0.02);
  params.mean_degree = 0.5;
  const auto sparse = gai_kapadia_point(params, 200, rng);
  CHECK(sparse.p_contagion < 0.02);
}

TEST_CASE("sweeps are reproducible from the seed") {
  GaiKapadiaParams params;
  params.banks = 300;
  params.mean_degree = 3.0;
  Rng a(9), b(9);
  const auto pa = gai_kapadia_point(params, 50, a);
  const auto pb = gai_kapadia_point(params, 50, b);
  CHECK(pa.p_contagion == pb.p_contagion);
  CHECK(pa.mean_extent == pb.mean_extent);
}
