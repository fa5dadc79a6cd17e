#include "finsim/analysis_json.hpp"

#include <cmath>
#include <initializer_list>
#include <string>
#include <string_view>

#include "finsim/intervention_body.hpp"

namespace finsim {
namespace {

using nlohmann::json;

Status only_keys(const json& j, std::initializer_list<std::string_view> allowed) {
  if (!j.is_object()) return make_error("bad_input", "the input must be a JSON object");
  for (const auto& [k, v] : j.items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == k;
    if (!known) return make_error("bad_input", "unknown key '" + k + "'");
  }
  return {};
}

Result<double> number(const json& v, const std::string& where) {
  if (!v.is_number()) return make_error("bad_input", where + " must be a number");
  const double x = v.get<double>();
  if (!std::isfinite(x)) return make_error("bad_input", where + " must be finite");
  return x;
}

// Amounts (liabilities, assets, exposures, capital, value) are bounded so that every sum and ratio the
// solvers form stays finite: inputs near 1e308 overflowed to infinity and printed null equities or a
// DebtRank of 0.
Result<double> amount(const json& v, const std::string& where) {
  auto x = number(v, where);
  if (x.ok() && std::fabs(*x) > kMaxAnalysisAmount)
    return make_error("bad_input", where + " must be at most 1e15 in absolute value");
  return x;
}

Result<std::vector<double>> vector_of(const json& j, const std::string& name, bool nonnegative) {
  if (!j.is_array()) return make_error("bad_input", name + " must be an array of numbers");
  std::vector<double> out;
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) {
    auto x = amount(j[i], name + "[" + std::to_string(i) + "]");
    if (!x.ok()) return x.error();
    if (nonnegative && *x < 0) return make_error("bad_input", name + "[" + std::to_string(i) + "] must be >= 0");
    out.push_back(*x);
  }
  return out;
}

Result<std::vector<std::vector<double>>> square_matrix(const json& j, const std::string& name) {
  if (!j.is_array()) return make_error("bad_input", name + " must be a square matrix (array of rows)");
  const std::size_t n = j.size();
  std::vector<std::vector<double>> rows;
  rows.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto row = vector_of(j[i], name + "[" + std::to_string(i) + "]", /*nonnegative=*/true);
    if (!row.ok()) return row.error();
    if (row->size() != n)
      return make_error("bad_input", name + " is not square: row " + std::to_string(i) + " has " +
                                         std::to_string(row->size()) + " entries, expected " + std::to_string(n));
    rows.push_back(std::move(row).value());
  }
  return rows;
}

Result<double> unit_interval(const json& j, const char* name, double fallback) {
  if (!j.contains(name)) return fallback;
  auto x = number(j[name], name);
  if (!x.ok()) return x.error();
  if (*x < 0.0 || *x > 1.0) return make_error("bad_input", std::string(name) + " must be in [0, 1]");
  return *x;
}

}  // namespace

ClearingProblem ClearingInput::problem() const {
  ClearingProblem p;
  p.n = n;
  p.obligations = obligations;
  p.external_assets = external_assets;
  p.external_liabilities = external_liabilities;
  p.seniority = seniority;
  p.alpha = alpha;
  p.beta = beta;
  return p;
}

Result<ClearingInput> parse_clearing_input(const json& j) {
  if (Status st = only_keys(j, {"liabilities", "external_assets", "external_liabilities", "seniority", "alpha", "beta"});
      !st.ok())
    return st.error();
  if (!j.contains("liabilities")) return make_error("bad_input", "missing key 'liabilities'");
  if (!j.contains("external_assets")) return make_error("bad_input", "missing key 'external_assets'");
  auto L = square_matrix(j["liabilities"], "liabilities");
  if (!L.ok()) return L.error();
  ClearingInput in;
  in.n = static_cast<int>(L->size());
  for (int i = 0; i < in.n; ++i)
    for (int k = 0; k < in.n; ++k) {
      const double a = (*L)[i][k];
      if (i == k && a != 0.0)
        return make_error("bad_input", "liabilities[" + std::to_string(i) + "][" + std::to_string(i) +
                                           "] must be 0: a bank cannot owe itself");
      if (a > 0.0) in.obligations.push_back({i, k, a});
    }
  auto e = vector_of(j["external_assets"], "external_assets", true);
  if (!e.ok()) return e.error();
  in.external_assets = std::move(e).value();
  if (static_cast<int>(in.external_assets.size()) != in.n)
    return make_error("bad_input", "external_assets has " + std::to_string(in.external_assets.size()) +
                                       " entries for " + std::to_string(in.n) + " banks");
  if (j.contains("external_liabilities")) {
    auto d = vector_of(j["external_liabilities"], "external_liabilities", true);
    if (!d.ok()) return d.error();
    in.external_liabilities = std::move(d).value();
    if (static_cast<int>(in.external_liabilities.size()) != in.n)
      return make_error("bad_input", "external_liabilities has " + std::to_string(in.external_liabilities.size()) +
                                         " entries for " + std::to_string(in.n) + " banks");
  } else {
    in.external_liabilities.assign(static_cast<std::size_t>(in.n), 0.0);
  }
  if (j.contains("seniority")) {
    const json& s = j["seniority"];
    if (s == "pari_passu") in.seniority = Seniority::pari_passu;
    else if (s == "senior") in.seniority = Seniority::senior;
    else return make_error("bad_input", "seniority must be \"pari_passu\" or \"senior\"");
  }
  auto a = unit_interval(j, "alpha", 1.0);
  if (!a.ok()) return a.error();
  auto b = unit_interval(j, "beta", 1.0);
  if (!b.ok()) return b.error();
  in.alpha = *a;
  in.beta = *b;
  return in;
}

json clearing_output(const ClearingResult& r, int n) {
  json out;
  out["payments"] = json::array();
  out["equity"] = json::array();
  out["defaulted"] = json::array();
  for (int i = 0; i < n; ++i) {
    out["payments"].push_back(r.payments[i]);
    out["equity"].push_back(r.equity[i]);
    out["defaulted"].push_back(r.defaulted[i] != 0);
  }
  out["rounds"] = r.rounds;
  return out;
}

Result<DebtRankInput> parse_debtrank_input(const json& j) {
  if (Status st = only_keys(j, {"exposures", "capital", "value", "shock", "variant"}); !st.ok()) return st.error();
  for (const char* k : {"exposures", "capital", "value", "shock"})
    if (!j.contains(k)) return make_error("bad_input", std::string("missing key '") + k + "'");
  DebtRankInput in;
  auto A = square_matrix(j["exposures"], "exposures");
  if (!A.ok()) return A.error();
  in.exposures = std::move(A).value();
  auto E = vector_of(j["capital"], "capital", false);
  if (!E.ok()) return E.error();
  auto v = vector_of(j["value"], "value", true);
  if (!v.ok()) return v.error();
  auto h = vector_of(j["shock"], "shock", true);
  if (!h.ok()) return h.error();
  in.capital = std::move(E).value();
  in.value = std::move(v).value();
  in.shock = std::move(h).value();
  if (j.contains("variant")) {
    if (j["variant"] == "original") in.variant = DebtRankVariant::original;
    else if (j["variant"] == "linear") in.variant = DebtRankVariant::linear;
    else return make_error("bad_input", "variant must be \"original\" or \"linear\"");
  }
  if (Status st = validate_debtrank_input(in); !st.ok()) return st.error();
  return in;
}

json debtrank_output(const DebtRankResult& r) {
  json out;
  out["h"] = r.h;
  out["debtrank"] = r.debtrank;
  return out;
}

namespace {

json world_json(const WorldOutcome& w) {
  json out{{"failed", w.failed}};
  if (w.failed) {
    out["default_step"] = w.default_step;
    out["cause"] = std::string(default_cause_name(w.cause));
  }
  return out;
}

}  // namespace

json failure_explanation_json(const FailureExplanation& x) {
  json causes = json::array();
  for (const FailureCause& c : x.causes) {
    json cause{{"kind", std::string(cause_kind_name(c.kind))}};
    if (c.bank >= 0) cause["bank"] = c.bank;
    if (!c.banks.empty()) cause["banks"] = c.banks;
    cause["steps"] = c.steps;
    cause["amount"] = c.amount;
    if (c.kind == CauseKind::debtor_default) cause["recovery"] = c.recovery;
    if (c.kind == CauseKind::intervention) {
      json control{{"step", c.steps.front()}};  // the step before which it was applied
      control.update(control_body(c.intervention));
      cause["control"] = control;
    }
    cause["label"] = c.label;
    cause["necessary"] = c.necessary();
    cause["sufficient_alone"] = c.sufficient_alone();
    cause["without"] = world_json(c.without);
    cause["alone"] = world_json(c.alone);
    cause["occurs_alone"] = c.occurs_alone;
    causes.push_back(std::move(cause));
  }
  json out{{"bank", x.bank},
            {"grouped", x.grouped},
            {"default_step", x.default_step},
            {"cause", std::string(default_cause_name(x.cause))},
            {"horizon", x.horizon},
            {"causes", std::move(causes)},
            {"without_any", world_json(x.without_any)},
            {"sentences", x.sentences}};
  if (x.forced_by != ForcedBy::none) out["forced_by"] = std::string(forced_by_name(x.forced_by));
  return out;
}

}  // namespace finsim
