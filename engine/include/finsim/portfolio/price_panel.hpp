// A panel of closing prices: bars × assets, with missing values. Bars are days (daily bars) or times of
// day (intraday bars, date.hpp), never both in one panel.
//
// The one market representation every portfolio computation reads: the embedded simulated market, the
// CSV importers and (later) the server's SQLite loader all produce a PricePanel. Immutable once built;
// safe to share between threads for reading.
#pragma once

#include <cmath>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "finsim/portfolio/asset.hpp"
#include "finsim/portfolio/date.hpp"
#include "finsim/portfolio/periods.hpp"
#include "finsim/result.hpp"

namespace finsim::portfolio {

class PricePanel {
 public:
  /// Builds a panel. `closes` is row-major, bars × assets (closes[bar * assets + asset]); a missing
  /// price is NaN. `volumes` is empty or the same shape (NaN when unknown).
  /// Errors ("bad_panel"): dates not strictly increasing, whole days mixed with times of day, a time out
  /// of range, shape mismatch, a close that is neither NaN
  /// nor finite and > 0, a negative or infinite volume, an empty or duplicate ticker.
  static Result<PricePanel> create(std::vector<Asset> assets, std::vector<Date> dates, std::vector<double> closes,
                                   std::vector<double> volumes = {});

  PricePanel() = default;

  [[nodiscard]] std::size_t bar_count() const { return dates_.size(); }
  [[nodiscard]] std::size_t asset_count() const { return assets_.size(); }
  [[nodiscard]] const std::vector<Asset>& assets() const { return assets_; }
  [[nodiscard]] const Asset& asset(std::size_t index) const { return assets_[index]; }
  [[nodiscard]] const std::vector<Date>& dates() const { return dates_; }
  [[nodiscard]] Date date(std::size_t bar) const { return dates_[bar]; }

  /// The close of `asset` at `bar`, NaN when missing. Both indices must be in range.
  [[nodiscard]] double close(std::size_t bar, std::size_t asset) const { return closes_[bar * assets_.size() + asset]; }
  [[nodiscard]] bool has_close(std::size_t bar, std::size_t asset) const { return !std::isnan(close(bar, asset)); }
  /// All closes of one bar, in asset order.
  [[nodiscard]] std::span<const double> bar_closes(std::size_t bar) const {
    return {closes_.data() + bar * assets_.size(), assets_.size()};
  }
  /// The volume of `asset` at `bar`, NaN when unknown.
  [[nodiscard]] double volume(std::size_t bar, std::size_t asset) const;
  [[nodiscard]] bool has_volumes() const { return !volumes_.empty(); }

  /// The column of one asset's closes (a copy), NaN where missing.
  [[nodiscard]] std::vector<double> close_series(std::size_t asset) const;

  /// The index of `ticker` (exact, case-sensitive match).
  [[nodiscard]] std::optional<std::size_t> find(std::string_view ticker) const;

  /// True when the bars are intraday (carry a time of day).
  [[nodiscard]] bool intraday() const { return !dates_.empty() && dates_.front().has_time(); }
  /// What annualises a series of these bars: daily, or intraday with the bars of a typical day of the
  /// whole panel (bars_per_day over its dates; a slice or a selection keeps its parent's).
  [[nodiscard]] Period period() const { return intraday() ? Period::intraday(bars_per_day_) : Period::daily; }

  /// The first bar dated strictly after `date`, if any: where an order placed on `date` can fill.
  [[nodiscard]] std::optional<std::size_t> first_bar_after(Date date) const;
  /// The number of bars dated on or before `date` (so the last such bar is the result minus one).
  [[nodiscard]] std::size_t bars_through(Date date) const;
  /// The number of bars dated strictly before `date`: the first bar of a range from range_start(d).
  [[nodiscard]] std::size_t bars_before(Date date) const;
  /// The last close of `asset` at or before `date`; NaN when it has none by then.
  [[nodiscard]] double last_close_through(std::size_t asset, Date date) const;

  /// The bars [begin, end) as a new panel (same assets).
  [[nodiscard]] PricePanel slice_bars(std::size_t begin, std::size_t end) const;
  /// The given assets (indices in range, no repeats) over all bars, in the given order.
  [[nodiscard]] PricePanel select_assets(std::span<const std::size_t> indices) const;

 private:
  std::vector<Asset> assets_;
  std::vector<Date> dates_;
  std::vector<double> closes_;
  std::vector<double> volumes_;
  double bars_per_day_ = 1.0;
  std::map<std::string, std::size_t, std::less<>> index_;
};

}  // namespace finsim::portfolio
