#include "finsim/debtrank.hpp"

#include <algorithm>
#include <cmath>

namespace finsim {
namespace {

// The linear variant stops when no increment exceeds this; increments shrink geometrically when the
// leverage matrix's spectral radius is below 1 and vanish once every bank saturates at h = 1 otherwise.
constexpr double kIncrementTolerance = 1e-16;
constexpr int kMaxRounds = 1000000;

bool finite_in(double x, double lo, double hi) { return std::isfinite(x) && x >= lo && x <= hi; }

struct Link {
  int counterparty;
  double weight;
};

// Row i lists the counterparties j whose distress hits i, with A_ij / E_i (capped at 1 if `cap`).
std::vector<std::vector<Link>> impact_rows(const DebtRankInput& in, bool cap) {
  const std::size_t n = in.capital.size();
  std::vector<std::vector<Link>> rows(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const double a = in.exposures[i][j];
      if (a <= 0.0 || i == j) continue;
      const double w = a / in.capital[i];
      rows[i].push_back({static_cast<int>(j), cap ? std::min(1.0, w) : w});
    }
  return rows;
}

int run_original(const DebtRankInput& in, std::vector<double>& h) {
  enum State : unsigned char { undistressed, distressed, inactive };
  const std::size_t n = h.size();
  const auto rows = impact_rows(in, /*cap=*/true);
  std::vector<State> state(n);
  for (std::size_t i = 0; i < n; ++i) state[i] = h[i] > 0.0 ? distressed : undistressed;
  int rounds = 0;
  std::vector<double> next(n);
  std::vector<State> next_state(n);
  while (std::find(state.begin(), state.end(), distressed) != state.end()) {
    ++rounds;
    for (std::size_t i = 0; i < n; ++i) {
      double sum = h[i];
      for (const Link& l : rows[i])
        if (state[l.counterparty] == distressed) sum += l.weight * h[l.counterparty];
      next[i] = std::min(1.0, sum);
      if (state[i] == distressed) next_state[i] = inactive;
      else if (state[i] == undistressed && next[i] > 0.0) next_state[i] = distressed;
      else next_state[i] = state[i];
    }
    h.swap(next);
    state.swap(next_state);
  }
  return rounds;
}

int run_linear(const DebtRankInput& in, std::vector<double>& h) {
  const std::size_t n = h.size();
  const auto rows = impact_rows(in, /*cap=*/false);
  std::vector<double> increment = h;  // h(0) − h(−1), with h(−1) = 0
  std::vector<double> next(n);
  int rounds = 0;
  for (; rounds < kMaxRounds; ++rounds) {
    double largest = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      double sum = h[i];
      for (const Link& l : rows[i]) sum += l.weight * increment[l.counterparty];
      next[i] = std::min(1.0, sum);
    }
    for (std::size_t i = 0; i < n; ++i) {
      increment[i] = next[i] - h[i];
      largest = std::max(largest, increment[i]);
    }
    h.swap(next);
    if (largest <= kIncrementTolerance) break;
  }
  return rounds;
}

}  // namespace

Status validate_debtrank_input(const DebtRankInput& in) {
  const std::size_t n = in.capital.size();
  if (in.exposures.size() != n)
    return make_error("bad_input", "exposures has " + std::to_string(in.exposures.size()) + " rows for " +
                                       std::to_string(n) + " banks");
  for (std::size_t i = 0; i < n; ++i) {
    if (in.exposures[i].size() != n)
      return make_error("bad_input", "exposures is not square: row " + std::to_string(i) + " has " +
                                         std::to_string(in.exposures[i].size()) + " entries");
    for (std::size_t j = 0; j < n; ++j)
      if (!(std::isfinite(in.exposures[i][j]) && in.exposures[i][j] >= 0.0))
        return make_error("bad_input", "exposures[" + std::to_string(i) + "][" + std::to_string(j) +
                                           "] must be finite and >= 0");
  }
  if (in.value.size() != n || in.shock.size() != n)
    return make_error("bad_input", "capital, value and shock must each have one entry per bank");
  double total_value = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!(std::isfinite(in.capital[i]) && in.capital[i] > 0.0))
      return make_error("bad_input", "capital[" + std::to_string(i) + "] must be finite and > 0");
    if (!(std::isfinite(in.value[i]) && in.value[i] >= 0.0))
      return make_error("bad_input", "value[" + std::to_string(i) + "] must be finite and >= 0");
    if (!finite_in(in.shock[i], 0.0, 1.0))
      return make_error("bad_input", "shock[" + std::to_string(i) + "] must be in [0, 1]");
    total_value += in.value[i];
  }
  if (n > 0 && !(total_value > 0.0)) return make_error("bad_input", "value must not be all zero");
  return {};
}

DebtRankResult debtrank(const DebtRankInput& in) {
  DebtRankResult out;
  out.h = in.shock;
  out.iterations = in.variant == DebtRankVariant::original ? run_original(in, out.h) : run_linear(in, out.h);
  double total_value = 0.0;
  for (double v : in.value) total_value += v;
  double final_loss = 0.0, initial_loss = 0.0;
  for (std::size_t i = 0; i < out.h.size(); ++i) {
    const double v = in.value[i] / total_value;
    final_loss += out.h[i] * v;
    initial_loss += in.shock[i] * v;
  }
  out.debtrank = final_loss - initial_loss;
  return out;
}

}  // namespace finsim
