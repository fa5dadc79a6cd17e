// empyrical's published test values, ported: quantopian/empyrical 0.5.5, empyrical/tests/test_stats.py
// (class TestStats). Each case names the test it comes from. Values printed there to full precision are
// checked to 1e-9; the few printed with fewer digits (cum_returns, the rolling windows, some capture
// ratios) are checked to their last published digit. Cases built on random noise are ported as the properties they
// assert, on noise from finsim::Rng.
#include <catch2/catch.hpp>

#include <vector>

#include "approx.hpp"
#include "empyrical_vectors.hpp"
#include "finsim/portfolio/benchmark_metrics.hpp"
#include "finsim/portfolio/drawdown.hpp"
#include "finsim/portfolio/returns_metrics.hpp"
#include "finsim/portfolio/risk_ratios.hpp"
#include "finsim/portfolio/value_at_risk.hpp"
#include "finsim/rng.hpp"

using namespace finsim::portfolio;
using namespace empyrical_vectors;

namespace {

constexpr double kTol = 1e-9;

std::vector<double> gaussian_noise(std::uint64_t seed, double sd, int n = 1000) {
  finsim::Rng rng(seed);
  std::vector<double> v(static_cast<std::size_t>(n));
  for (double& x : v) x = sd * rng.normal();
  return v;
}
std::vector<double> uniform_noise(std::uint64_t seed, double lo, double hi, int n = 1000) {
  finsim::Rng rng(seed);
  std::vector<double> v(static_cast<std::size_t>(n));
  for (double& x : v) x = lo + (hi - lo) * rng.uniform();
  return v;
}
std::vector<double> plus(std::vector<double> v, double c) {
  for (double& x : v) x += c;
  return v;
}
std::vector<double> times(std::vector<double> v, double c) {
  for (double& x : v) x *= c;
  return v;
}
std::vector<double> window(const std::vector<double>& v, std::size_t begin, std::size_t n) {
  return {v.begin() + static_cast<std::ptrdiff_t>(begin), v.begin() + static_cast<std::ptrdiff_t>(begin + n)};
}

}  // namespace

TEST_CASE("empyrical test_simple_returns: constant prices give zero returns, a line gives 1/n") {
  for (double r : simple_returns(flat_line_1)) CHECK(r == 0.0);
  const std::vector<double> r = simple_returns(linspace(0, 1));
  CHECK(std::isinf(r[0]));
  for (std::size_t n = 1; n < r.size(); ++n) CHECK_VALUE(r[n], 1.0 / static_cast<double>(n), 1e-4);
}

TEST_CASE("empyrical test_cum_returns at the published precision") {
  const std::vector<double> e0 = {0.0, 0.01, 0.111, 0.066559, 0.08789, 0.12052, 0.14293, 0.15436, 0.03893};
  const std::vector<double> e100 = {100.0,     101.0,     111.1,     106.65599, 108.78912,
                                    112.05279, 114.29384, 115.43678, 103.89310};
  const std::vector<double> en = {0.0, -0.06, -0.1258, -0.13454, -0.21243, -0.22818, -0.27449, -0.33253, -0.36590};
  const auto c0 = cum_returns(mixed_returns), c100 = cum_returns(mixed_returns, 100), cn = cum_returns(negative_returns);
  for (std::size_t i = 0; i < 9; ++i) {
    CHECK_VALUE(c0[i], e0[i], 5e-5);
    CHECK_VALUE(c100[i], e100[i], 5e-5);
    CHECK_VALUE(cn[i], en[i], 5e-5);
  }
  CHECK(cum_returns(empty_returns).empty());
}

TEST_CASE("empyrical test_cum_returns_final") {
  CHECK_VALUE(cum_returns_final(empty_returns), kNaN, kTol);
  CHECK_VALUE(cum_returns_final(one_return), 0.01, kTol);
  CHECK_VALUE(cum_returns_final(mixed_returns), 0.03893, 5e-5);
  CHECK_VALUE(cum_returns_final(mixed_returns, 100), 103.89310, 5e-5);
  CHECK_VALUE(cum_returns_final(negative_returns), -0.36590, 5e-5);
}

TEST_CASE("empyrical test_aggregate_returns") {
  auto values = [](const std::vector<GroupReturn>& g) {
    std::vector<double> v;
    for (const auto& x : g) v.push_back(x.value);
    return v;
  };
  auto check = [](const std::vector<double>& got, const std::vector<double>& want) {
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) CHECK_VALUE(got[i], want[i], kTol);
  };
  const auto daily = daily_dates(9), weekly = weekly_dates(9), monthly = month_end_dates(9);
  check(values(aggregate_returns(simple_benchmark, daily, Period::weekly)), {0.0, 0.040604010000000024, 0.0});
  check(values(aggregate_returns(simple_benchmark, daily, Period::monthly)), {0.01, 0.03030099999999991});
  check(values(aggregate_returns(simple_benchmark, daily, Period::quarterly)), {0.04060401});
  check(values(aggregate_returns(simple_benchmark, daily, Period::yearly)), {0.040604010000000024});
  check(values(aggregate_returns(weekly_returns, weekly, Period::monthly)),
        {0.0, 0.087891200000000058, -0.04500459999999995});
  check(values(aggregate_returns(weekly_returns, weekly, Period::yearly)), {0.038931091700480147});
  check(values(aggregate_returns(monthly_returns, monthly, Period::yearly)), {0.038931091700480147});
  check(values(aggregate_returns(monthly_returns, monthly, Period::quarterly)),
        {0.11100000000000021, 0.008575999999999917, -0.072819999999999996});
}

TEST_CASE("empyrical test_max_drawdown") {
  CHECK_VALUE(max_drawdown(empty_returns), kNaN, kTol);
  CHECK_VALUE(max_drawdown(one_return), 0.0, kTol);
  CHECK_VALUE(max_drawdown(simple_benchmark), 0.0, kTol);
  CHECK_VALUE(max_drawdown(mixed_returns), -0.1, kTol);
  CHECK_VALUE(max_drawdown(positive_returns), -0.0, kTol);
  CHECK_VALUE(max_drawdown(negative_returns), cum_returns_final(negative_returns), kTol);
  CHECK_VALUE(max_drawdown(all_negative_returns), cum_returns_final(all_negative_returns), kTol);
  CHECK_VALUE(max_drawdown(pct({10, -10, 10})), -0.10, kTol);
}

TEST_CASE("empyrical test_max_drawdown_translation: raising returns never deepens the drawdown") {
  const auto noise = gaussian_noise(1, 0.001), noise_uniform = uniform_noise(2, -0.01, 0.01);
  for (auto [returns, c] : {std::pair{noise, 0.0001}, {noise, 0.001}, {noise_uniform, 0.01}, {noise_uniform, 0.1}}) {
    const double dd = max_drawdown(returns);
    CHECK(dd <= max_drawdown(plus(returns, c)));
    CHECK(max_drawdown(plus(returns, -c)) <= dd);
  }
}

TEST_CASE("empyrical test_roll_max_drawdown at the published precision") {
  const std::vector<double> want = {-0.2282, -0.2745, -0.2899, -0.2747};
  for (std::size_t k = 0; k < 4; ++k) CHECK_VALUE(max_drawdown(window(negative_returns, k, 6)), want[k], 5e-5);
}

TEST_CASE("empyrical test_annual_ret and test_cagr") {
  CHECK_VALUE(annual_return(mixed_returns, Period::daily), 1.9135925373194231, kTol);
  CHECK_VALUE(annual_return(weekly_returns, Period::weekly), 0.24690830513998208, kTol);
  CHECK_VALUE(annual_return(monthly_returns, Period::monthly), 0.052242061386048144, kTol);
  CHECK_VALUE(cagr(empty_returns), kNaN, kTol);
  CHECK_VALUE(cagr(one_return), 11.274002099240244, kTol);
  CHECK_VALUE(cagr(mixed_returns), 1.9135925373194231, kTol);
  CHECK_VALUE(cagr(flat_line_1_tz), 11.274002099240256, kTol);
  CHECK_VALUE(cagr(pct({3, 3, 3}), Period::yearly), 0.03, kTol);
}

TEST_CASE("empyrical test_cagr_translation: cagr moves with a constant shift") {
  const auto noise = gaussian_noise(3, 0.001), noise_uniform = uniform_noise(4, -0.01, 0.01);
  for (const auto& r : {noise, noise_uniform}) {
    CHECK(cagr(plus(r, -0.01)) < cagr(r));
    CHECK(cagr(r) < cagr(plus(r, 0.01)));
  }
}

TEST_CASE("empyrical test_annual_volatility") {
  CHECK_VALUE(annual_volatility(flat_line_1_tz, Period::daily), 0.0, kTol);
  CHECK_VALUE(annual_volatility(mixed_returns, Period::daily), 0.9136465399704637, kTol);
  CHECK_VALUE(annual_volatility(weekly_returns, Period::weekly), 0.38851569394870583, kTol);
  CHECK_VALUE(annual_volatility(monthly_returns, Period::monthly), 0.18663690238892558, kTol);
}

TEST_CASE("empyrical test_calmar") {
  CHECK_VALUE(calmar_ratio(empty_returns), kNaN, kTol);
  CHECK_VALUE(calmar_ratio(one_return), kNaN, kTol);
  CHECK_VALUE(calmar_ratio(mixed_returns, Period::daily), 19.135925373194233, kTol);
  CHECK_VALUE(calmar_ratio(weekly_returns, Period::weekly), 2.4690830513998208, kTol);
  CHECK_VALUE(calmar_ratio(monthly_returns, Period::monthly), 0.52242061386048144, kTol);
}

TEST_CASE("empyrical test_omega") {
  CHECK_VALUE(omega_ratio(empty_returns, 0.0, 0.0), kNaN, kTol);
  CHECK_VALUE(omega_ratio(one_return, 0.0, 0.0), kNaN, kTol);
  CHECK_VALUE(omega_ratio(mixed_returns, 0.0, 10.0), 0.83354263497557934, kTol);
  CHECK_VALUE(omega_ratio(mixed_returns, 0.0, -10.0), kNaN, kTol);
  CHECK_VALUE(omega_ratio(mixed_returns, flat_line_1, 0.0), 0.8125, kTol);
  CHECK_VALUE(omega_ratio(positive_returns, 0.01, 0.0), kNaN, kTol);
  CHECK_VALUE(omega_ratio(positive_returns, 0.011, 0.0), 1.125, kTol);
  CHECK_VALUE(omega_ratio(positive_returns, 0.02, 0.0), 0.0, kTol);
  CHECK_VALUE(omega_ratio(negative_returns, 0.01, 0.0), 0.0, kTol);
}

TEST_CASE("empyrical test_omega_returns: omega falls as the required return rises") {
  CHECK(omega_ratio(uniform_noise(5, -0.01, 0.01), 0.0, 0.0) > omega_ratio(uniform_noise(5, -0.01, 0.01), 0.0, 0.001));
  CHECK(omega_ratio(gaussian_noise(6, 0.001), 0.0, 0.001) > omega_ratio(gaussian_noise(6, 0.001), 0.0, 0.002));
}

TEST_CASE("empyrical test_sharpe_ratio") {
  CHECK_VALUE(sharpe_ratio(empty_returns, 0.0), kNaN, kTol);
  CHECK_VALUE(sharpe_ratio(one_return, 0.0), kNaN, kTol);
  CHECK_VALUE(sharpe_ratio(mixed_returns, mixed_returns), kNaN, kTol);
  CHECK_VALUE(sharpe_ratio(mixed_returns, 0.0), 1.7238613961706866, kTol);
  CHECK_VALUE(sharpe_ratio(mixed_returns, simple_benchmark), 0.34111411441060574, kTol);
  CHECK_VALUE(sharpe_ratio(positive_returns, 0.0), 52.915026221291804, kTol);
  CHECK_VALUE(sharpe_ratio(negative_returns, 0.0), -24.406808633910085, kTol);
  CHECK_VALUE(sharpe_ratio(flat_line_1, 0.0), kInf, kTol);
}

TEST_CASE("empyrical test_sharpe_translation_*: shifting returns and rate together keeps the ratio") {
  const auto r = uniform_noise(7, -0.01, 0.01);
  for (auto [required, t] : {std::pair{0.0, 0.005}, {0.005, 0.005}}) {
    CHECK_VALUE(sharpe_ratio(plus(r, -t), required - t), sharpe_ratio(r, required), 1e-8);
    CHECK_VALUE(sharpe_ratio(plus(r, t), required + t), sharpe_ratio(r, required), 1e-8);
  }
  CHECK(sharpe_ratio(plus(r, -0.0002), 0.0 - 0.0001) != sharpe_ratio(r, 0.0));
  CHECK(sharpe_ratio(r, -0.005) > sharpe_ratio(r, 0.0));
  CHECK(sharpe_ratio(r, 0.0) > sharpe_ratio(r, 0.005));
}

TEST_CASE("empyrical test_sharpe_noise: wider noise lowers the ratio") {
  CHECK(sharpe_ratio(plus(gaussian_noise(8, 0.001), 0.01), 0.001) > sharpe_ratio(plus(gaussian_noise(9, 0.002), 0.01), 0.001));
  CHECK(sharpe_ratio(plus(gaussian_noise(10, 0.01), 0.01), 0.001) > sharpe_ratio(plus(gaussian_noise(11, 0.02), 0.01), 0.001));
}

TEST_CASE("empyrical test_roll_sharpe_ratio") {
  const std::vector<double> neg = {-18.09162052, -26.79897486, -26.69138263, -25.72298838};
  const std::vector<double> mix = {7.57445259, 8.22784105, 8.22784105, -3.1374751};
  for (std::size_t k = 0; k < 4; ++k) {
    CHECK_VALUE(sharpe_ratio(window(negative_returns, k, 6)), neg[k], 1e-8);
    CHECK_VALUE(sharpe_ratio(window(mixed_returns, k, 6)), mix[k], 1e-7);
  }
}

TEST_CASE("empyrical test_downside_risk") {
  CHECK_VALUE(downside_risk(empty_returns, 0.0), kNaN, kTol);
  CHECK_VALUE(downside_risk(one_return, 0.0), 0.0, kTol);
  CHECK_VALUE(downside_risk(mixed_returns, mixed_returns), 0.0, kTol);
  CHECK_VALUE(downside_risk(mixed_returns, 0.0), 0.60448325038829653, kTol);
  CHECK_VALUE(downside_risk(mixed_returns, 0.1), 1.7161730681956295, kTol);
  CHECK_VALUE(downside_risk(weekly_returns, 0.0, Period::weekly), 0.25888650451930134, kTol);
  CHECK_VALUE(downside_risk(weekly_returns, 0.1, Period::weekly), 0.7733045971672482, kTol);
  CHECK_VALUE(downside_risk(monthly_returns, 0.0, Period::monthly), 0.1243650540411842, kTol);
  CHECK_VALUE(downside_risk(monthly_returns, 0.1, Period::monthly), 0.37148351242013422, kTol);
  CHECK_VALUE(downside_risk(one, 0.0, Period::daily), 0.20671788246185202, kTol);
  CHECK_VALUE(downside_risk(two, 0.0, Period::daily), 0.083495680595704475, kTol);
  CHECK_VALUE(downside_risk(one, 0.0, Period::weekly), 0.093902996054410062, kTol);
  CHECK_VALUE(downside_risk(two, 0.0, Period::weekly), 0.037928477556776516, kTol);
  CHECK_VALUE(downside_risk(one, 0.0, Period::monthly), 0.045109540184877193, kTol);
  CHECK_VALUE(downside_risk(two, 0.0, Period::monthly), 0.018220251263412916, kTol);
}

TEST_CASE("empyrical test_downside_risk_trans and _std: monotone in the threshold and the spread") {
  for (const auto& r : {gaussian_noise(12, 0.001), uniform_noise(13, -0.01, 0.01)}) {
    CHECK(downside_risk(r, -0.005) <= downside_risk(r, 0.0));
    CHECK(downside_risk(r, 0.0) <= downside_risk(r, 0.005));
  }
  CHECK(downside_risk(gaussian_noise(14, 0.001)) < downside_risk(gaussian_noise(15, 0.002)));
  CHECK(downside_risk(std::vector<double>(1000, 0.0)) < downside_risk(gaussian_noise(16, 0.001)));
}

TEST_CASE("empyrical test_sortino") {
  CHECK_VALUE(sortino_ratio(empty_returns, 0.0), kNaN, kTol);
  CHECK_VALUE(sortino_ratio(one_return, 0.0), kNaN, kTol);
  CHECK_VALUE(sortino_ratio(mixed_returns, mixed_returns), kNaN, kTol);
  CHECK_VALUE(sortino_ratio(mixed_returns, 0.0), 2.605531251673693, kTol);
  CHECK_VALUE(sortino_ratio(mixed_returns, flat_line_1), -1.3934779588919977, kTol);
  CHECK_VALUE(sortino_ratio(positive_returns, 0.0), kInf, kTol);
  CHECK_VALUE(sortino_ratio(negative_returns, 0.0), -13.532743075043401, kTol);
  CHECK_VALUE(sortino_ratio(simple_benchmark, 0.0), kInf, kTol);
  CHECK_VALUE(sortino_ratio(weekly_returns, 0.0, Period::weekly), 1.1158901056866439, kTol);
  CHECK_VALUE(sortino_ratio(monthly_returns, 0.0, Period::monthly), 0.53605626741889756, kTol);
  CHECK_VALUE(sortino_ratio(one, 0.0, Period::daily), 3.0639640966566306, kTol);
  CHECK_VALUE(sortino_ratio(two, 0.0, Period::daily), 38.090963117002495, kTol);
  CHECK_VALUE(sortino_ratio(one, 0.0, Period::weekly), 1.3918264112070571, kTol);
  CHECK_VALUE(sortino_ratio(two, 0.0, Period::weekly), 17.303077589064618, kTol);
  CHECK_VALUE(sortino_ratio(one, 0.0, Period::monthly), 0.6686117809312383, kTol);
  CHECK_VALUE(sortino_ratio(two, 0.0, Period::monthly), 8.3121296084492844, kTol);
}

TEST_CASE("empyrical test_sortino_translation_same: shifting returns and threshold together keeps it") {
  const auto r = uniform_noise(17, -0.01, 0.01);
  for (auto [required, t] : {std::pair{0.0, 0.005}, {0.005, 0.005}}) {
    CHECK_VALUE(sortino_ratio(plus(r, -t), required - t), sortino_ratio(r, required), 1e-8);
    CHECK_VALUE(sortino_ratio(plus(r, t), required + t), sortino_ratio(r, required), 1e-8);
  }
}

TEST_CASE("empyrical test_excess_sharpe") {
  CHECK_VALUE(excess_sharpe(empty_returns, 0.0), kNaN, kTol);
  CHECK_VALUE(excess_sharpe(one_return, 0.0), kNaN, kTol);
  const auto pos_line = linspace(0, 1);
  CHECK_VALUE(excess_sharpe(pos_line, pos_line), kNaN, kTol);
  CHECK_VALUE(excess_sharpe(mixed_returns, 0.0), 0.10859306069076737, kTol);
  CHECK_VALUE(excess_sharpe(mixed_returns, flat_line_1), -0.06515583641446039, kTol);
}

TEST_CASE("empyrical test_alpha_beta, test_alpha, test_beta") {
  std::vector<double> empty_aligned(9, kNaN);  // empty returns aligned on simple_benchmark's dates
  auto ab = alpha_beta(empty_aligned, simple_benchmark);
  CHECK_VALUE(ab.alpha, kNaN, kTol);
  CHECK_VALUE(ab.beta, kNaN, kTol);
  ab = alpha_beta(one_return, one_return);
  CHECK_VALUE(ab.alpha, kNaN, kTol);
  CHECK_VALUE(ab.beta, kNaN, kTol);
  // (mixed_returns, negative_returns[1:]) aligned on dates: the benchmark is missing on the first day.
  std::vector<double> neg_aligned = negative_returns;
  neg_aligned[0] = kNaN;
  ab = alpha_beta(mixed_returns, neg_aligned);
  CHECK_VALUE(ab.alpha, -0.9997853834885004, kTol);
  CHECK_VALUE(ab.beta, -0.71296296296296313, kTol);
  ab = alpha_beta(mixed_returns, mixed_returns);
  CHECK_VALUE(ab.alpha, 0.0, kTol);
  CHECK_VALUE(ab.beta, 1.0, kTol);
  ab = alpha_beta(mixed_returns, negate(mixed_returns));
  CHECK_VALUE(ab.alpha, 0.0, kTol);
  CHECK_VALUE(ab.beta, -1.0, kTol);

  CHECK_VALUE(alpha(mixed_returns, flat_line_1), kNaN, kTol);
  CHECK_VALUE(alpha(mixed_returns, mixed_returns), 0.0, kTol);
  CHECK_VALUE(alpha(mixed_returns, negate(mixed_returns)), 0.0, kTol);

  const auto noise = gaussian_noise(18, 0.001);
  CHECK_VALUE(beta(empty_aligned, simple_benchmark), kNaN, kTol);
  CHECK_VALUE(beta(one_return, one_return), kNaN, kTol);
  CHECK_VALUE(beta(mixed_returns, flat_line_1), kNaN, kTol);
  CHECK_VALUE(beta(noise, noise), 1.0, kTol);
  CHECK_VALUE(beta(times(noise, 2), noise), 2.0, kTol);
  CHECK_VALUE(beta(noise, negate(noise)), -1.0, kTol);
  CHECK_VALUE(beta(times(noise, 2), negate(noise)), -2.0, kTol);
  // sparse_noise * flat_line_1_tz against sparse_flat_line_1_tz: a constant benchmark has no variance.
  std::vector<double> sparse = times(noise, 0.01), sparse_flat = flat_line_1_tz;
  for (std::size_t i : {3u, 50u, 400u}) sparse[i] = kNaN;
  for (std::size_t i : {7u, 60u}) sparse_flat[i] = kNaN;
  CHECK_VALUE(beta(sparse, sparse_flat), kNaN, kTol);
}

TEST_CASE("empyrical test_up_alpha_beta and test_down_alpha_beta (filtered on the benchmark's sign)") {
  auto filtered = [](const std::vector<double>& r, const std::vector<double>& b, bool up) {
    std::vector<double> fr, fb;
    for (std::size_t i = 0; i < r.size(); ++i)
      if (up ? b[i] > 0 : b[i] < 0) {
        fr.push_back(r[i]);
        fb.push_back(b[i]);
      }
    return std::pair{fr, fb};
  };
  auto [dr, db] = filtered(tail(mixed_returns), tail(negative_returns), false);
  auto ab = alpha_beta(dr, db);
  CHECK_VALUE(ab.alpha, -0.9997853834885004, kTol);
  CHECK_VALUE(ab.beta, -0.71296296296296313, kTol);
  auto [ur, ub] = filtered(tail(mixed_returns), tail(positive_returns), true);
  ab = alpha_beta(ur, ub);
  CHECK_VALUE(ab.alpha, 0.432961242076658, kTol);
  CHECK_VALUE(ab.beta, 0.4285714285, 1e-10);
}

TEST_CASE("empyrical test_roll_alpha_beta at the published precision") {
  const std::vector<std::pair<double, double>> want = {
      {-0.97854954, -0.7826087}, {-0.9828927, -0.76156584}, {-0.93166924, -0.61682243}, {-0.99967288, -0.41311475}};
  for (std::size_t k = 0; k < 4; ++k) {
    const auto ab = alpha_beta(window(mixed_returns, k, 6), window(negative_returns, k, 6));
    CHECK_VALUE(ab.alpha, want[k].first, 1e-8);
    CHECK_VALUE(ab.beta, want[k].second, 1e-8);
  }
}

TEST_CASE("empyrical test_stability_of_timeseries") {
  CHECK_VALUE(stability_of_timeseries(empty_returns), kNaN, kTol);
  CHECK_VALUE(stability_of_timeseries(one_return), kNaN, kTol);
  CHECK_VALUE(stability_of_timeseries(mixed_returns), 0.1529973665111273, kTol);
  CHECK_VALUE(stability_of_timeseries(flat_line_1_tz), 1.0, kTol);
}

TEST_CASE("empyrical test_tail_ratio") {
  CHECK_VALUE(tail_ratio(empty_returns), kNaN, kTol);
  CHECK_VALUE(tail_ratio(one_return), 1.0, kTol);
  // empyrical checks this case to one decimal (assert_almost_equal(..., 1)): its expected value predates
  // numpy's current percentile rule. Ours is numpy's: 0.0755 / 0.079.
  CHECK_VALUE(tail_ratio(mixed_returns), 0.9473684210526313, 0.15);
  CHECK_VALUE(tail_ratio(mixed_returns), 0.0755 / 0.079, kTol);
  CHECK_VALUE(tail_ratio(gaussian_noise(19, 1.0, 100000)), 1.0, 0.05);
}

TEST_CASE("empyrical test_capture_ratio, test_up_capture, test_down_capture, test_up_down_capture") {
  CHECK_VALUE(capture(empty_returns, empty_returns), kNaN, kTol);
  CHECK_VALUE(capture(one_return, one_return), 1.0, kTol);
  CHECK_VALUE(capture(mixed_returns, mixed_returns), 1.0, kTol);
  CHECK_VALUE(capture(all_negative_returns, mixed_returns), -0.52257643222960259, kTol);

  CHECK_VALUE(down_capture(empty_returns, empty_returns), kNaN, kTol);
  CHECK_VALUE(down_capture(one_return, one_return), kNaN, kTol);
  CHECK_VALUE(down_capture(mixed_returns, mixed_returns), 1.0, kTol);
  CHECK_VALUE(down_capture(all_negative_returns, mixed_returns), 0.99956025703798634, kTol);
  CHECK_VALUE(down_capture(positive_returns, mixed_returns), -11.27400221, 5e-9);

  CHECK_VALUE(up_capture(empty_returns, empty_returns), kNaN, kTol);
  CHECK_VALUE(up_capture(one_return, one_return), 1.0, kTol);
  CHECK_VALUE(up_capture(mixed_returns, mixed_returns), 1.0, kTol);
  CHECK_VALUE(up_capture(positive_returns, mixed_returns), 0.0076167762, 1e-10);
  CHECK_VALUE(up_capture(all_negative_returns, mixed_returns), -0.0004336328, 1e-10);

  CHECK_VALUE(up_down_capture(empty_returns, empty_returns), kNaN, kTol);
  CHECK_VALUE(up_down_capture(one_return, one_return), kNaN, kTol);
  CHECK_VALUE(up_down_capture(mixed_returns, mixed_returns), 1.0, kTol);
  CHECK_VALUE(up_down_capture(positive_returns, mixed_returns), -0.0006756053495, 1e-13);
  CHECK_VALUE(up_down_capture(all_negative_returns, mixed_returns), -0.0004338236, 1e-10);
}

TEST_CASE("empyrical test_value_at_risk") {
  const std::vector<double> a = {1.0, 2.0};
  CHECK_VALUE(value_at_risk(a, 0.0), 1.0, kTol);
  CHECK_VALUE(value_at_risk(a, 0.3), 1.3, kTol);
  CHECK_VALUE(value_at_risk(a, 1.0), 2.0, kTol);
  const std::vector<double> b = {1, 81, 82, 83, 84, 85};
  CHECK_VALUE(value_at_risk(b, 0.1), 41.0, kTol);
  CHECK_VALUE(value_at_risk(b, 0.2), 81.0, kTol);
  CHECK_VALUE(value_at_risk(b, 0.3), 81.5, kTol);
}

TEST_CASE("empyrical test_conditional_value_at_risk: the mean of the returns at or below the VaR") {
  const std::vector<double> single = {0.0123};
  CHECK_VALUE(conditional_value_at_risk(single, 0.0), 0.0123, kTol);
  CHECK_VALUE(conditional_value_at_risk(single, 1.0), 0.0123, kTol);
  const auto r = gaussian_noise(20, 0.02, 21);
  for (double cutoff : {0.0, 0.0499, 0.05, 0.20, 0.999, 1.0}) {
    const double var = value_at_risk(r, cutoff);
    double sum = 0.0;
    int n = 0;
    for (double x : r)
      if (x <= var) {
        sum += x;
        ++n;
      }
    CHECK_VALUE(conditional_value_at_risk(r, cutoff), sum / n, 1e-15);
  }
}
