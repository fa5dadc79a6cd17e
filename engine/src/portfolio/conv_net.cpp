#include "finsim/portfolio/conv_net.hpp"

#include <cmath>

namespace finsim::portfolio {

namespace {

// Offsets of each parameter block in the flat vector.
struct Layout {
  Eigen::Index conv_w, conv_b, out_w, out_b, size;
  explicit Layout(const ConvNetShape& s) {
    conv_w = 0;
    conv_b = conv_w + static_cast<Eigen::Index>(s.channels) * s.kernel;
    out_w = conv_b + s.channels;
    out_b = out_w + 2 * static_cast<Eigen::Index>(s.channels);
    size = out_b + 1;
  }
};

}  // namespace

struct ConvNet::Pass {
  Matrix patches;   ///< K × (T·B): patches(k, t + T·b) = x(t + k, b)
  Matrix conv_pre;  ///< C × (T·B), before ReLU
  Matrix pooled;    ///< 2C × B: ReLU at the last position, then the mean of ReLU over positions
  Eigen::RowVectorXd out;
};

ConvNet::ConvNet(ConvNetShape shape, Rng& rng, double l2)
    : shape_(shape), positions_(shape.window - shape.kernel + 1), l2_(l2) {
  const Layout l(shape_);
  params_ = Vector::Zero(l.size);
  auto fill = [&](Eigen::Index from, Eigen::Index count, double fan_in, double gain) {
    const double sd = gain * std::sqrt(2.0 / fan_in);
    for (Eigen::Index i = 0; i < count; ++i) params_[from + i] = sd * rng.normal();
  };
  fill(l.conv_w, l.conv_b - l.conv_w, shape_.kernel, 1.0);
  fill(l.out_w, l.out_b - l.out_w, 2.0 * shape_.channels, 0.1);
}

void ConvNet::forward_pass(const Matrix& x, Pass& p) const {
  const Layout l(shape_);
  const Eigen::Index B = x.cols(), T = positions_, C = shape_.channels, K = shape_.kernel;
  p.patches.resize(K, T * B);
  for (Eigen::Index b = 0; b < B; ++b)
    for (Eigen::Index t = 0; t < T; ++t) p.patches.col(t + T * b) = x.col(b).segment(t, K);
  const Eigen::Map<const Matrix> conv_w(params_.data() + l.conv_w, C, K);
  const Eigen::Map<const Vector> conv_b(params_.data() + l.conv_b, C);
  p.conv_pre = (conv_w * p.patches).colwise() + conv_b;
  p.pooled.resize(2 * C, B);
  for (Eigen::Index b = 0; b < B; ++b)
    for (Eigen::Index c = 0; c < C; ++c) {
      double sum = 0.0;
      for (Eigen::Index t = 0; t < T; ++t) sum += std::max(0.0, p.conv_pre(c, t + T * b));
      p.pooled(c, b) = std::max(0.0, p.conv_pre(c, T - 1 + T * b));
      p.pooled(C + c, b) = sum / static_cast<double>(T);
    }
  const Eigen::Map<const Vector> out_w(params_.data() + l.out_w, 2 * C);
  p.out = (out_w.transpose() * p.pooled).array() + params_[l.out_b];
}

Eigen::RowVectorXd ConvNet::forward(const Matrix& x) const {
  const Layout l(shape_);
  const int T = positions_, C = shape_.channels, K = shape_.kernel;
  Eigen::RowVectorXd out(x.cols());
  for (Eigen::Index b = 0; b < x.cols(); ++b) {
    double y = params_[l.out_b];
    for (int c = 0; c < C; ++c) {
      double sum = 0.0, last = 0.0;
      for (int t = 0; t < T; ++t) {
        double z = params_[l.conv_b + c];
        for (int k = 0; k < K; ++k) z += params_[l.conv_w + c + static_cast<Eigen::Index>(k) * C] * x(t + k, b);
        const double a = std::max(0.0, z);
        sum += a;
        if (t == T - 1) last = a;
      }
      y += params_[l.out_w + c] * last + params_[l.out_w + C + c] * (sum / T);
    }
    out[b] = y;
  }
  return out;
}

double ConvNet::loss_and_gradient(const Matrix& x, const Eigen::RowVectorXd& y, Vector& gradient) const {
  const Layout l(shape_);
  const Eigen::Index B = x.cols(), T = positions_, C = shape_.channels, K = shape_.kernel;
  Pass p;
  forward_pass(x, p);
  const Eigen::RowVectorXd err = p.out - y;
  const Eigen::Map<const Vector> conv_w(params_.data() + l.conv_w, C * K);
  const Eigen::Map<const Vector> out_w(params_.data() + l.out_w, 2 * C);
  const double penalty = 0.5 * l2_ * (conv_w.squaredNorm() + out_w.squaredNorm());
  const double loss = 0.5 * err.squaredNorm() / static_cast<double>(B) + penalty;
  gradient = Vector::Zero(l.size);

  const Eigen::RowVectorXd d_out = err / static_cast<double>(B);  // ∂loss/∂output
  Eigen::Map<Vector>(gradient.data() + l.out_w, 2 * C) = p.pooled * d_out.transpose() + l2_ * out_w;
  gradient[l.out_b] = d_out.sum();
  const Matrix d_pooled = out_w * d_out;  // 2C × B
  Matrix d_conv_pre(C, T * B);
  for (Eigen::Index b = 0; b < B; ++b)
    for (Eigen::Index c = 0; c < C; ++c)
      for (Eigen::Index t = 0; t < T; ++t) {
        const double upstream = d_pooled(C + c, b) / static_cast<double>(T) + (t == T - 1 ? d_pooled(c, b) : 0.0);
        d_conv_pre(c, t + T * b) = p.conv_pre(c, t + T * b) > 0.0 ? upstream : 0.0;
      }
  Eigen::Map<Matrix>(gradient.data() + l.conv_w, C, K) = d_conv_pre * p.patches.transpose();
  Eigen::Map<Vector>(gradient.data() + l.conv_w, C * K) += l2_ * conv_w;
  Eigen::Map<Vector>(gradient.data() + l.conv_b, C) = d_conv_pre.rowwise().sum();
  return loss;
}

}  // namespace finsim::portfolio
