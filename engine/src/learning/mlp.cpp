#include "finsim/learning/mlp.hpp"

#include <cassert>
#include <cmath>

#include "finsim/learning/orthogonal.hpp"

namespace finsim::learning {

double hidden_gain(Activation activation) {
  return activation == Activation::relu ? std::sqrt(2.0) : 5.0 / 3.0;
}

template <class T>
Mlp<T>::Mlp(MlpShape shape) : shape_(std::move(shape)) {
  assert(shape_.sizes.size() >= 2);
  Eigen::Index total = 0;
  for (int l = 0; l < layers(); ++l) {
    offsets_.push_back(total);
    total += static_cast<Eigen::Index>(shape_.sizes[l + 1]) * (shape_.sizes[l] + 1);
  }
  params_ = Vector::Zero(total);
}

template <class T>
void Mlp<T>::initialise(Rng& rng, double output_gain) {
  for (int l = 0; l < layers(); ++l) {
    const int out = shape_.sizes[l + 1], in = shape_.sizes[l];
    const double gain = l + 1 == layers() ? output_gain : hidden_gain(shape_.activation);
    const std::vector<double> w = orthogonal_matrix(out, in, gain, rng);
    MatrixMap wl = weight(l);
    for (int c = 0; c < in; ++c)
      for (int r = 0; r < out; ++r) wl(r, c) = static_cast<T>(w[static_cast<std::size_t>(c) * out + r]);
    bias(l).setZero();
  }
}

template <class T>
typename Mlp<T>::MatrixMap Mlp<T>::weight(int l) {
  return MatrixMap(params_.data() + offsets_[l], shape_.sizes[l + 1], shape_.sizes[l]);
}

template <class T>
typename Mlp<T>::ConstMatrixMap Mlp<T>::weight(int l) const {
  return ConstMatrixMap(params_.data() + offsets_[l], shape_.sizes[l + 1], shape_.sizes[l]);
}

template <class T>
typename Mlp<T>::VectorMap Mlp<T>::bias(int l) {
  return VectorMap(params_.data() + offsets_[l] + static_cast<Eigen::Index>(shape_.sizes[l + 1]) * shape_.sizes[l],
                   shape_.sizes[l + 1]);
}

template <class T>
typename Mlp<T>::ConstVectorMap Mlp<T>::bias(int l) const {
  return ConstVectorMap(
      params_.data() + offsets_[l] + static_cast<Eigen::Index>(shape_.sizes[l + 1]) * shape_.sizes[l],
      shape_.sizes[l + 1]);
}

template <class T>
const typename Mlp<T>::Matrix& Mlp<T>::forward(const Eigen::Ref<const Matrix>& x, Cache& cache) const {
  cache.outputs.resize(static_cast<std::size_t>(layers()));
  for (int l = 0; l < layers(); ++l) {
    Matrix& h = cache.outputs[static_cast<std::size_t>(l)];
    if (l == 0) h.noalias() = weight(l) * x;
    else h.noalias() = weight(l) * cache.outputs[static_cast<std::size_t>(l - 1)];
    const ConstVectorMap b = bias(l);
    if (l + 1 == layers()) {  // linear output
      h.colwise() += b;
      break;
    }
    if (shape_.activation == Activation::relu) {
      // Bias and ReLU in one pass over each column: the same arithmetic as two passes over the matrix,
      // half the memory traffic (in WASM's scalar code the two passes cost a tenth of an iteration).
      for (Eigen::Index c = 0; c < h.cols(); ++c) h.col(c) = (h.col(c) + b).cwiseMax(T(0));
    } else {
      h.colwise() += b;
      h = h.array().tanh().matrix();
    }
  }
  return cache.outputs.back();
}

template <class T>
void Mlp<T>::backward(const Eigen::Ref<const Matrix>& x, Cache& cache, const Matrix& d_output, Vector& gradient) const {
  gradient.resize(params_.size());
  auto bias_gradient = [&](int l) {
    return VectorMap(gradient.data() + offsets_[l] + static_cast<Eigen::Index>(shape_.sizes[l + 1]) * shape_.sizes[l],
                     shape_.sizes[l + 1]);
  };
  cache.delta = d_output;  // gradient w.r.t. the pre-activation of the current layer
  {
    VectorMap db = bias_gradient(layers() - 1);
    db.setZero();  // column by column: vectorised over the layer's units, columns summed in order
    for (Eigen::Index c = 0; c < cache.delta.cols(); ++c) db += cache.delta.col(c);
  }
  for (int l = layers() - 1; l >= 0; --l) {
    const int out = shape_.sizes[l + 1], in = shape_.sizes[l];
    MatrixMap dw(gradient.data() + offsets_[l], out, in);
    if (l == 0) dw.noalias() = cache.delta * x.transpose();
    else dw.noalias() = cache.delta * cache.outputs[static_cast<std::size_t>(l - 1)].transpose();
    if (l == 0) break;
    cache.below.noalias() = weight(l).transpose() * cache.delta;
    const Matrix& h = cache.outputs[static_cast<std::size_t>(l - 1)];  // activation output of layer l-1
    cache.delta.resize(cache.below.rows(), cache.below.cols());
    // Layer l-1's delta and its bias gradient (the delta's columns summed in order) in one pass.
    VectorMap db = bias_gradient(l - 1);
    db.setZero();
    for (Eigen::Index c = 0; c < cache.delta.cols(); ++c) {
      auto d = cache.delta.col(c);
      if (shape_.activation == Activation::relu)
        d.array() = cache.below.col(c).array() * (h.col(c).array() > T(0)).template cast<T>();
      else
        d.array() = cache.below.col(c).array() * (T(1) - h.col(c).array().square());
      db += d;
    }
  }
}

template class Mlp<float>;
template class Mlp<double>;

}  // namespace finsim::learning
