// Trading signals: what a model recommends for a ticker on a day, and how sure it is.
//
// Built-in models produce them walk-forward (walk_forward.hpp); outside models (an LLM, a notebook) post
// them through the server's API in the JSON form below. A signal dated D may rest on information up to
// the close of D; an order it causes fills at a later bar (order.hpp).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "finsim/portfolio/date.hpp"
#include "finsim/portfolio/price_panel.hpp"
#include "finsim/result.hpp"

namespace finsim::portfolio {

enum class SignalAction : std::uint8_t { buy, sell, hold };
std::string_view signal_action_name(SignalAction action);  ///< "buy", "sell", "hold"
std::optional<SignalAction> parse_signal_action(std::string_view text);

struct Signal {
  std::string model;     ///< "linear", "cnn", "xgboost", "llm", or any outside model's name
  std::string ticker;
  SignalAction action = SignalAction::hold;
  double confidence = 0.0;  ///< in [0, 1]
  Date date;                ///< the information cut-off
  double predicted_return = std::numeric_limits<double>::quiet_NaN();  ///< next-period return, if the model gives one
  std::string id;           ///< optional, assigned by whoever stores it
};

/// A non-empty model name of at most 64 characters from [A-Za-z0-9_.:-], a non-empty ticker (known to
/// `panel` when given), a confidence in [0, 1] and a finite or NaN predicted return. Error "bad_signal"
/// (or "unknown_ticker").
Status validate_signal(const Signal& signal, const PricePanel* panel = nullptr);

/// {"model": "llm", "ticker": "AAPL", "action": "buy", "confidence": 0.7, "date": "2024-01-02"} with
/// optional "predicted_return" and "id". The date may carry a time of day without a zone
/// ("2024-01-02T10:05", exchange time, as intraday bars do): the signal is known then, and acts at the
/// last bar at or before it. Instead of "date", a "timestamp" in ISO 8601 with a zone or a fraction
/// ("2024-01-02T15:30:00Z") is accepted; its day is the signal's date (the time of day is dropped, so
/// the signal counts as known at that day's close — the conservative reading). Validates completely.
Result<Signal> signal_from_json(const nlohmann::json& j);
nlohmann::json signal_to_json(const Signal& signal);

}  // namespace finsim::portfolio
