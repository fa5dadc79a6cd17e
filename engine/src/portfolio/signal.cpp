#include "finsim/portfolio/signal.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/json_fields.hpp"

namespace finsim::portfolio {

std::string_view signal_action_name(SignalAction action) {
  switch (action) {
    case SignalAction::buy: return "buy";
    case SignalAction::sell: return "sell";
    case SignalAction::hold: return "hold";
  }
  return "hold";
}

std::optional<SignalAction> parse_signal_action(std::string_view text) {
  for (SignalAction a : {SignalAction::buy, SignalAction::sell, SignalAction::hold})
    if (text == signal_action_name(a)) return a;
  return std::nullopt;
}

Status validate_signal(const Signal& s, const PricePanel* panel) {
  auto bad = [](std::string m) { return make_error("bad_signal", std::move(m)); };
  if (s.model.empty() || s.model.size() > 64) return bad("model name must have 1 to 64 characters");
  for (char c : s.model)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':'))
      return bad("model name may use letters, digits and _ - . : only");
  if (s.ticker.empty()) return bad("ticker must not be empty");
  if (panel && !panel->find(s.ticker)) return make_error("unknown_ticker", "unknown ticker '" + s.ticker + "'");
  if (!(s.confidence >= 0.0 && s.confidence <= 1.0)) return bad("confidence must be in [0, 1]");
  if (std::isinf(s.predicted_return)) return bad("predicted_return must be finite");
  return {};
}

Result<Signal> signal_from_json(const nlohmann::json& j) {
  JsonFields f(j, "signal", "bad_signal",
               {"model", "ticker", "action", "confidence", "date", "timestamp", "predicted_return", "id"});
  Signal s;
  s.model = f.text("model", "", true);
  s.ticker = f.text("ticker", "", true);
  const std::string action = f.text("action", "", true);
  s.confidence = f.number("confidence", 0.0, true);
  s.predicted_return = f.number("predicted_return", std::numeric_limits<double>::quiet_NaN());
  s.id = f.text("id", "");
  std::string when = f.text("date", "");
  if (when.empty()) when = f.text("timestamp", "");
  if (!f.ok()) return f.error();
  if (const auto a = parse_signal_action(action)) s.action = *a;
  else return make_error("bad_signal", "signal: action must be \"buy\", \"sell\" or \"hold\"");
  if (when.empty()) return make_error("bad_signal", "signal: missing \"date\" (or \"timestamp\")");
  // A day or a time of day as the bars give them; else an ISO 8601 timestamp (a zone, a fraction) read
  // as its day.
  auto date = parse_date(when);
  if (!date && when.size() > 10 && (when[10] == 'T' || when[10] == ' '))
    date = parse_date(std::string_view(when).substr(0, 10));
  if (!date) return make_error("bad_signal", "signal: \"" + when + "\" is not a date (YYYY-MM-DD[Thh:mm:ss...])");
  s.date = *date;
  if (Status v = validate_signal(s); !v.ok()) return v.error();
  return s;
}

nlohmann::json signal_to_json(const Signal& s) {
  nlohmann::json j = {{"model", s.model},
                      {"ticker", s.ticker},
                      {"action", signal_action_name(s.action)},
                      {"confidence", s.confidence},
                      {"date", format_date(s.date)}};
  if (!std::isnan(s.predicted_return)) j["predicted_return"] = s.predicted_return;
  if (!s.id.empty()) j["id"] = s.id;
  return j;
}

}  // namespace finsim::portfolio
