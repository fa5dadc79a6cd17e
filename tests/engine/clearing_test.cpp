// Clearing: known answers from the literature and worked by hand, and properties on thousands of
// random networks (payments in [0, p̄], the fixed-point equation, greatest fixed point, α = β = 1 is EN).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "finsim/clearing.hpp"
#include "finsim/rng.hpp"

using namespace finsim;

namespace {

constexpr double kTol = 1e-9;

struct Problem {
  int n = 0;
  std::vector<Obligation> obligations;
  std::vector<double> e, d;
  Seniority seniority = Seniority::pari_passu;
  double alpha = 1.0, beta = 1.0;
  ClearingProblem view() const {
    ClearingProblem p;
    p.n = n;
    p.obligations = obligations;
    p.external_assets = e;
    p.external_liabilities = d;
    p.seniority = seniority;
    p.alpha = alpha;
    p.beta = beta;
    return p;
  }
};

Problem from_matrix(const std::vector<std::vector<double>>& L, std::vector<double> e, std::vector<double> d = {}) {
  Problem p;
  p.n = static_cast<int>(L.size());
  for (int i = 0; i < p.n; ++i)
    for (int j = 0; j < p.n; ++j)
      if (L[i][j] > 0) p.obligations.push_back({i, j, L[i][j]});
  p.e = std::move(e);
  p.d = d.empty() ? std::vector<double>(static_cast<std::size_t>(p.n), 0.0) : std::move(d);
  return p;
}

// The Rogers–Veraart map Φ(p): full payment where a bank can pay, the discounted realisable value
// where it cannot (α = β = 1: Eisenberg–Noe). Written independently of the solver.
std::vector<double> rv_map(const Problem& p, const std::vector<double>& pay) {
  const bool senior = p.seniority == Seniority::senior;
  std::vector<double> due(static_cast<std::size_t>(p.n), 0.0), received(static_cast<std::size_t>(p.n), 0.0);
  for (const auto& o : p.obligations) due[o.debtor] += o.amount;
  if (!senior)
    for (int i = 0; i < p.n; ++i) due[i] += p.d[i];
  for (const auto& o : p.obligations) received[o.creditor] += due[o.debtor] > 0 ? o.amount / due[o.debtor] * pay[o.debtor] : 0;
  std::vector<double> out(static_cast<std::size_t>(p.n));
  for (int i = 0; i < p.n; ++i) {
    const double ext = senior ? p.e[i] - p.d[i] : p.e[i];
    if (ext + received[i] >= due[i]) out[i] = due[i];
    else {
      const double v = senior ? p.alpha * p.e[i] - p.d[i] + p.beta * received[i] : p.alpha * p.e[i] + p.beta * received[i];
      out[i] = std::clamp(v, 0.0, due[i]);
    }
  }
  return out;
}

// Greatest fixed point by Picard iteration from p̄ (a decreasing sequence for a monotone map).
std::vector<double> picard_from_top(const Problem& p) {
  std::vector<double> pay = rv_map(p, std::vector<double>(static_cast<std::size_t>(p.n), 1e300));
  for (int it = 0; it < 200000; ++it) {
    auto next = rv_map(p, pay);
    double change = 0;
    for (int i = 0; i < p.n; ++i) change = std::max(change, std::fabs(next[i] - pay[i]));
    pay.swap(next);
    if (change < 1e-14) break;
  }
  return pay;
}

Problem random_problem(Rng& rng, bool with_costs) {
  Problem p;
  p.n = 2 + static_cast<int>(rng.below(14));
  const double density = 0.1 + 0.6 * rng.uniform();
  for (int i = 0; i < p.n; ++i)
    for (int j = 0; j < p.n; ++j)
      if (i != j && rng.bernoulli(density)) p.obligations.push_back({i, j, 10.0 * rng.uniform()});
  for (int i = 0; i < p.n; ++i) {
    p.e.push_back(rng.bernoulli(0.2) ? 0.0 : 12.0 * rng.uniform());
    p.d.push_back(rng.bernoulli(0.5) ? 8.0 * rng.uniform() : 0.0);
  }
  p.seniority = rng.bernoulli(0.5) ? Seniority::senior : Seniority::pari_passu;
  if (with_costs) {
    p.alpha = rng.uniform();
    p.beta = rng.uniform();
  }
  return p;
}

}  // namespace

TEST_CASE("Rogers & Veraart (2013) Example 3.3: nobody defaults") {
  Problem p = from_matrix({{0, 2}, {2.2, 0}}, {1, 1});
  p.alpha = p.beta = 0.5;
  ClearingSolver s;
  const auto& r = s.solve(p.view());
  CHECK(r.payments[0] == Approx(2.0).margin(kTol));
  CHECK(r.payments[1] == Approx(2.2).margin(kTol));
  CHECK(r.equity[0] == Approx(1.2).margin(kTol));
  CHECK(r.equity[1] == Approx(0.8).margin(kTol));
  CHECK_FALSE(r.defaulted[0]);
  CHECK_FALSE(r.defaulted[1]);
  CHECK(r.rounds == 0);
}

TEST_CASE("three banks owing 1/2 to each other, external liabilities pari passu (model.md)") {
  Problem p = from_matrix({{0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}}, {0.5, 0.625, 0.75}, {1.5, 0.5, 0.5});
  ClearingSolver s;
  const auto& r = s.solve(p.view());
  CHECK(r.payments[0] == Approx(165.0 / 112.0).margin(kTol));
  CHECK(r.payments[1] == Approx(159.0 / 112.0).margin(kTol));
  CHECK(r.payments[2] == Approx(1.5).margin(kTol));
  CHECK(r.defaulted[0]);
  CHECK(r.defaulted[1]);
  CHECK_FALSE(r.defaulted[2]);
}

TEST_CASE("a chain defaults in two waves") {
  // 0 owes 1 ten, 1 owes 2 ten; only bank 0 has assets (5). Wave 1: bank 0 pays 5. Wave 2: bank 1,
  // receiving 5, pays 5.
  Problem p = from_matrix({{0, 10, 0}, {0, 0, 10}, {0, 0, 0}}, {5, 0, 0});
  ClearingSolver s;
  const auto& r = s.solve(p.view());
  CHECK(r.payments[0] == Approx(5).margin(kTol));
  CHECK(r.payments[1] == Approx(5).margin(kTol));
  CHECK(r.rounds == 2);
  CHECK(r.equity[2] == Approx(5).margin(kTol));
}

TEST_CASE("a cycle with no outside assets clears at the greatest fixed point: full payment") {
  // Eisenberg & Noe: p = (1, 1) and p = (0, 0) both solve this system; the greatest is the answer.
  Problem p = from_matrix({{0, 1}, {1, 0}}, {0, 0});
  ClearingSolver s;
  const auto& r = s.solve(p.view());
  CHECK(r.payments[0] == Approx(1).margin(kTol));
  CHECK(r.payments[1] == Approx(1).margin(kTol));
  CHECK(r.rounds == 0);
}

TEST_CASE("default costs (Rogers & Veraart) create a default that Eisenberg & Noe does not") {
  // L = [[0, 2], [2.2, 0]], e = (0.9, 0.1). EN: bank 1 pays 0.1 + 2 = 2.1 and bank 0 survives.
  // α = β = ½: bank 1 realises 0.05 + ½·2 = 1.05, so bank 0 (0.9 + 1.05 < 2) fails too, and then
  // p0 = 0.45 + ½ p1, p1 = 0.05 + ½ p0  →  p = (19/30, 11/30), in two waves.
  Problem en = from_matrix({{0, 2}, {2.2, 0}}, {0.9, 0.1});
  ClearingSolver s;
  const auto& r1 = s.solve(en.view());
  CHECK(r1.payments[0] == Approx(2).margin(kTol));
  CHECK(r1.payments[1] == Approx(2.1).margin(kTol));
  CHECK(r1.rounds == 1);
  Problem rv = en;
  rv.alpha = rv.beta = 0.5;
  const auto& r2 = s.solve(rv.view());
  CHECK(r2.payments[0] == Approx(19.0 / 30.0).margin(kTol));
  CHECK(r2.payments[1] == Approx(11.0 / 30.0).margin(kTol));
  CHECK(r2.defaulted[0]);
  CHECK(r2.defaulted[1]);
  CHECK(r2.rounds == 2);
  CHECK(r2.equity[0] == Approx(0.9 + 11.0 / 30.0 - 2.0).margin(kTol));
}

TEST_CASE("senior external liabilities are paid before interbank creditors") {
  // Bank 0: e = 10, deposits 8, owes bank 1 four. Pari passu: it pays 10 over 12 owed, bank 1 gets
  // 10·4/12. Senior: deposits take 8, bank 1 gets the remaining 2.
  Problem p = from_matrix({{0, 4}, {0, 0}}, {10, 0}, {8, 0});
  ClearingSolver s;
  const auto& pp = s.solve(p.view());
  CHECK(pp.payments[0] == Approx(10).margin(kTol));
  CHECK(pp.received[1] == Approx(10.0 * 4.0 / 12.0).margin(kTol));
  p.seniority = Seniority::senior;
  const auto& sr = s.solve(p.view());
  CHECK(sr.payments[0] == Approx(2).margin(kTol));
  CHECK(sr.received[1] == Approx(2).margin(kTol));
  CHECK(sr.defaulted[0]);
  CHECK(sr.equity[0] == Approx(10 - 8 - 4).margin(kTol));
}

TEST_CASE("forced defaults pay with default costs even when solvent") {
  Problem p = from_matrix({{0, 2}, {0, 0}}, {5, 0});
  p.alpha = 0.5;
  std::vector<std::uint8_t> forced{1, 0};
  auto view = p.view();
  view.forced_default = forced;
  ClearingSolver s;
  const auto& r = s.solve(view);
  CHECK(r.defaulted[0]);
  CHECK(r.payments[0] == Approx(2).margin(kTol));  // α e = 2.5 still covers the 2 owed
  CHECK(r.rounds == 1);
  p.alpha = 0.2;
  auto view2 = p.view();
  view2.forced_default = forced;
  CHECK(s.solve(view2).payments[0] == Approx(1).margin(kTol));
}

TEST_CASE("properties hold on thousands of random networks") {
  Rng rng(20240601);
  ClearingSolver s;
  int defaults_seen = 0;
  for (int k = 0; k < 3000; ++k) {
    const Problem p = random_problem(rng, /*with_costs=*/k % 2 == 1);
    INFO("network " << k << " n=" << p.n << " alpha=" << p.alpha << " beta=" << p.beta);
    const auto& r = s.solve(p.view());
    const auto mapped = rv_map(p, r.payments);
    const auto greatest = picard_from_top(p);
    for (int i = 0; i < p.n; ++i) {
      REQUIRE(r.payments[i] >= 0.0);
      REQUIRE(r.payments[i] <= r.obligations_due[i] * (1 + 1e-12));
      // The fixed-point equation.
      REQUIRE(std::fabs(mapped[i] - r.payments[i]) <= kTol * (1 + r.obligations_due[i]));
      // The greatest fixed point.
      REQUIRE(std::fabs(greatest[i] - r.payments[i]) <= kTol * (1 + r.obligations_due[i]));
      defaults_seen += r.defaulted[i];
    }
  }
  CHECK(defaults_seen > 1000);  // the sample exercises defaults, not just solvent systems
}

TEST_CASE("alpha = beta = 1 reproduces Eisenberg–Noe") {
  Rng rng(77);
  ClearingSolver s;
  for (int k = 0; k < 1000; ++k) {
    Problem p = random_problem(rng, false);
    p.seniority = Seniority::pari_passu;
    const auto& r = s.solve(p.view());
    // EN's own characterisation: p_i = min(p̄_i, e_i + Σ_j Π_ji p_j) for every bank, no discount.
    std::vector<double> received(static_cast<std::size_t>(p.n), 0.0);
    for (const auto& o : p.obligations) received[o.creditor] += o.amount / r.obligations_due[o.debtor] * r.payments[o.debtor];
    for (int i = 0; i < p.n; ++i)
      REQUIRE(r.payments[i] == Approx(std::min(r.obligations_due[i], p.e[i] + received[i])).margin(kTol));
  }
}

TEST_CASE("validation names the problem") {
  std::vector<Obligation> self{{0, 0, 1.0}};
  std::vector<double> e{1.0}, bad{-1.0};
  ClearingProblem p;
  p.n = 1;
  p.external_assets = e;
  CHECK(validate_clearing_problem(p).ok());
  p.obligations = self;
  CHECK(validate_clearing_problem(p).error().message.find("owes itself") != std::string::npos);
  p.obligations = {};
  p.external_assets = bad;
  CHECK_FALSE(validate_clearing_problem(p).ok());
  p.external_assets = e;
  p.alpha = 1.5;
  CHECK(validate_clearing_problem(p).error().message.find("alpha") != std::string::npos);
}
