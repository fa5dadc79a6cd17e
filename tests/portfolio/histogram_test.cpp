// The return distribution: numpy.histogram's bins, checked against values numpy prints.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "finsim/portfolio/histogram.hpp"

using namespace finsim::portfolio;

TEST_CASE("histogram: equal-width bins from the minimum to the maximum, the last bin closed (numpy.histogram)") {
  // numpy.histogram([1, 2, 1, 4, 3, 5, nan], bins=4) → counts [2, 1, 1, 2], edges [1, 2, 3, 4, 5]
  // (nan left out here; numpy would raise).
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> v{1, 2, 1, 4, 3, 5, nan};
  const Histogram h = histogram(v, 4);
  CHECK(h.edges == std::vector<double>{1, 2, 3, 4, 5});
  CHECK(h.counts == std::vector<std::size_t>{2, 1, 1, 2});
  CHECK(h.ignored == 1);

  // numpy.histogram([-0.02, -0.012, 0.001, 0.011, 0.03], bins=5) → counts [2, 0, 1, 1, 1].
  const Histogram r = histogram(std::vector<double>{-0.02, -0.012, 0.001, 0.011, 0.03}, 5);
  REQUIRE(r.edges.size() == 6);
  CHECK(r.edges.front() == -0.02);
  CHECK(r.edges.back() == 0.03);
  CHECK(r.counts == std::vector<std::size_t>{2, 0, 1, 1, 1});
}

TEST_CASE("histogram: a constant series spans ±0.5 around it, no finite value gives no bins") {
  const Histogram h = histogram(std::vector<double>{2, 2, 2}, 2);
  CHECK(h.edges == std::vector<double>{1.5, 2, 2.5});
  CHECK(h.counts == std::vector<std::size_t>{0, 3});
  const Histogram none = histogram(std::vector<double>{std::numeric_limits<double>::infinity()}, 3);
  CHECK(none.edges.empty());
  CHECK(none.counts.empty());
  CHECK(none.ignored == 1);
  CHECK(histogram({}, 3).counts.empty());
}
