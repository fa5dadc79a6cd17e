#include "finsim/portfolio/price_panel.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace finsim::portfolio {
namespace {

Error bad_panel(std::string message) { return make_error("bad_panel", std::move(message)); }

}  // namespace

Result<PricePanel> PricePanel::create(std::vector<Asset> assets, std::vector<Date> dates, std::vector<double> closes,
                                      std::vector<double> volumes) {
  PricePanel p;
  for (std::size_t i = 0; i < assets.size(); ++i) {
    if (assets[i].ticker.empty()) return bad_panel("asset " + std::to_string(i) + " has an empty ticker");
    if (!p.index_.emplace(assets[i].ticker, i).second)
      return bad_panel("ticker " + assets[i].ticker + " appears twice");
  }
  for (std::size_t b = 0; b < dates.size(); ++b) {
    if (dates[b].second < 0 || dates[b].second > kEndOfDay) return bad_panel("a bar's time of day is out of range");
    if (b > 0 && !(dates[b - 1] < dates[b]))
      return bad_panel("dates are not strictly increasing at " + format_date(dates[b]));
    if (b > 0 && dates[b].has_time() != dates[0].has_time())
      return bad_panel("bars mix whole days and times of day at " + format_date(dates[b]));
  }
  if (closes.size() != dates.size() * assets.size())
    return bad_panel("closes hold " + std::to_string(closes.size()) + " values for " + std::to_string(dates.size()) +
                     " bars x " + std::to_string(assets.size()) + " assets");
  for (std::size_t k = 0; k < closes.size(); ++k) {
    const double c = closes[k];
    if (!std::isnan(c) && !(std::isfinite(c) && c > 0.0))
      return bad_panel("close of " + assets[k % assets.size()].ticker + " on " +
                       format_date(dates[k / assets.size()]) + " is not a positive finite number");
  }
  if (!volumes.empty()) {
    if (volumes.size() != closes.size()) return bad_panel("volumes and closes differ in shape");
    for (double v : volumes)
      if (!std::isnan(v) && !(std::isfinite(v) && v >= 0.0)) return bad_panel("a volume is negative or infinite");
  }
  if (!dates.empty() && dates.front().has_time()) p.bars_per_day_ = bars_per_day(dates);  // read by intraday only
  p.assets_ = std::move(assets);
  p.dates_ = std::move(dates);
  p.closes_ = std::move(closes);
  p.volumes_ = std::move(volumes);
  return p;
}

double PricePanel::volume(std::size_t bar, std::size_t asset) const {
  if (volumes_.empty()) return std::numeric_limits<double>::quiet_NaN();
  return volumes_[bar * assets_.size() + asset];
}

std::vector<double> PricePanel::close_series(std::size_t asset) const {
  std::vector<double> out(dates_.size());
  for (std::size_t b = 0; b < dates_.size(); ++b) out[b] = close(b, asset);
  return out;
}

std::optional<std::size_t> PricePanel::find(std::string_view ticker) const {
  const auto it = index_.find(ticker);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::size_t> PricePanel::first_bar_after(Date date) const {
  const auto it = std::upper_bound(dates_.begin(), dates_.end(), date);
  if (it == dates_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - dates_.begin());
}

std::size_t PricePanel::bars_through(Date date) const {
  return static_cast<std::size_t>(std::upper_bound(dates_.begin(), dates_.end(), date) - dates_.begin());
}

std::size_t PricePanel::bars_before(Date date) const {
  return static_cast<std::size_t>(std::lower_bound(dates_.begin(), dates_.end(), date) - dates_.begin());
}

double PricePanel::last_close_through(std::size_t asset, Date date) const {
  for (std::size_t b = bars_through(date); b-- > 0;)
    if (has_close(b, asset)) return close(b, asset);
  return std::numeric_limits<double>::quiet_NaN();
}

PricePanel PricePanel::slice_bars(std::size_t begin, std::size_t end) const {
  end = std::min(end, dates_.size());
  begin = std::min(begin, end);
  const std::size_t n = assets_.size();
  std::vector<Date> dates(dates_.begin() + static_cast<std::ptrdiff_t>(begin),
                          dates_.begin() + static_cast<std::ptrdiff_t>(end));
  std::vector<double> closes(closes_.begin() + static_cast<std::ptrdiff_t>(begin * n),
                             closes_.begin() + static_cast<std::ptrdiff_t>(end * n));
  std::vector<double> volumes;
  if (!volumes_.empty())
    volumes.assign(volumes_.begin() + static_cast<std::ptrdiff_t>(begin * n),
                   volumes_.begin() + static_cast<std::ptrdiff_t>(end * n));
  PricePanel slice = std::move(create(assets_, std::move(dates), std::move(closes), std::move(volumes))).value();
  slice.bars_per_day_ = bars_per_day_;
  return slice;
}

PricePanel PricePanel::select_assets(std::span<const std::size_t> indices) const {
  std::vector<Asset> assets;
  for (std::size_t i : indices) assets.push_back(assets_[i]);
  std::vector<double> closes, volumes;
  closes.reserve(dates_.size() * indices.size());
  for (std::size_t b = 0; b < dates_.size(); ++b)
    for (std::size_t i : indices) {
      closes.push_back(close(b, i));
      if (!volumes_.empty()) volumes.push_back(volume(b, i));
    }
  PricePanel selection = std::move(create(std::move(assets), dates_, std::move(closes), std::move(volumes))).value();
  selection.bars_per_day_ = bars_per_day_;
  return selection;
}

}  // namespace finsim::portfolio
