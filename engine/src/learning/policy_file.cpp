#include "finsim/learning/policy_file.hpp"

#include <cmath>

namespace finsim::learning {
namespace {

using nlohmann::json;

Error bad(const std::string& what) { return make_error("bad_policy", "policy file: " + what); }

const json* field(const json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

bool read_numbers(const json* j, std::vector<double>& out) {
  if (!j || !j->is_array()) return false;
  out.clear();
  out.reserve(j->size());
  for (const json& x : *j) {
    if (!x.is_number()) return false;
    const double v = x.get<double>();
    if (!std::isfinite(v)) return false;
    out.push_back(v);
  }
  return true;
}

bool read_int(const json* j, int& out) {
  if (!j || !j->is_number_integer()) return false;
  const auto v = j->get<long long>();
  if (v < 0 || v > 1000000) return false;
  out = static_cast<int>(v);
  return true;
}

Result<DenseLayer> read_layer(const json& j, std::size_t index) {
  const std::string which = "actor layer " + std::to_string(index);
  if (!j.is_object()) return bad(which + " is not an object");
  DenseLayer d;
  if (!read_int(field(j, "inputs"), d.inputs) || !read_int(field(j, "outputs"), d.outputs))
    return bad(which + " needs whole-number \"inputs\" and \"outputs\"");
  const json* w = field(j, "weight");
  if (!w || !w->is_array() || w->size() != static_cast<std::size_t>(d.outputs))
    return bad(which + " \"weight\" must have one row per output");
  std::vector<double> row;
  for (const json& r : *w) {
    if (!read_numbers(&r, row) || row.size() != static_cast<std::size_t>(d.inputs))
      return bad(which + " \"weight\" rows must hold one finite number per input");
    d.weight.insert(d.weight.end(), row.begin(), row.end());
  }
  if (!read_numbers(field(j, "bias"), d.bias)) return bad(which + " \"bias\" must be an array of finite numbers");
  return d;
}

// Invalid UTF-8 in user-supplied text (a description) is replaced rather than thrown.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

void close(std::string& out, int indent, char bracket) {
  out += '\n';
  out.append(static_cast<std::size_t>(indent), ' ');
  out += bracket;
}

// Pretty printing with arrays of scalars kept on one line (weight rows stay readable and compact).
void write(const json& j, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent) + 2, ' ');
  if (j.is_object()) {
    if (j.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    bool first = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!first) out += ",\n";
      first = false;
      out += pad;
      out += dump(json(it.key()));
      out += ": ";
      write(it.value(), indent + 2, out);
    }
    close(out, indent, '}');
  } else if (j.is_array()) {
    bool scalars = true;
    for (const json& x : j) scalars = scalars && !x.is_structured();
    if (scalars) {
      out += dump(j);
      return;
    }
    out += "[\n";
    for (std::size_t k = 0; k < j.size(); ++k) {
      if (k > 0) out += ",\n";
      out += pad;
      write(j[k], indent + 2, out);
    }
    close(out, indent, ']');
  } else {
    out += dump(j);
  }
}

}  // namespace

std::string_view action_selection_name(ActionSelection s) { return s == ActionSelection::sample ? "sample" : "argmax"; }

bool parse_action_selection(std::string_view text, ActionSelection& out) {
  if (text == "argmax") out = ActionSelection::argmax;
  else if (text == "sample") out = ActionSelection::sample;
  else return false;
  return true;
}

std::string_view discretion_name(Discretion d) { return d == Discretion::under_stress ? "under_stress" : "always"; }

bool parse_discretion(std::string_view text, Discretion& out) {
  if (text == "always") out = Discretion::always;
  else if (text == "under_stress") out = Discretion::under_stress;
  else return false;
  return true;
}

Result<PolicySpec> parse_policy(std::string_view text) {
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) return bad("not valid JSON");
  if (!j.is_object()) return bad("not a JSON object");
  const json* format = field(j, "format");
  if (!format || !format->is_string() || format->get<std::string>() != "finsim-policy")
    return bad("\"format\" must be \"finsim-policy\"");
  const json* version = field(j, "version");
  if (!version || !version->is_number_integer() || version->get<long long>() != kPolicyFormatVersion)
    return bad("unsupported \"version\" (this engine reads version " + std::to_string(kPolicyFormatVersion) + ")");
  PolicySpec spec;
  const json* name = field(j, "name");
  if (!name || !name->is_string() || name->get<std::string>().empty()) return bad("\"name\" must be a non-empty string");
  spec.name = name->get<std::string>();
  if (const json* d = field(j, "description")) {
    if (!d->is_string()) return bad("\"description\" must be a string");
    spec.description = d->get<std::string>();
  }
  if (const json* a = field(j, "algorithm"); a && !a->is_string()) return bad("\"algorithm\" must be a string");
  if (const json* s = field(j, "action_selection")) {
    if (!s->is_string() || !parse_action_selection(s->get<std::string>(), spec.selection))
      return bad("\"action_selection\" must be \"argmax\" or \"sample\"");
  }
  if (const json* d = field(j, "discretion")) {
    if (!d->is_string() || !parse_discretion(d->get<std::string>(), spec.discretion))
      return bad("\"discretion\" must be \"always\" or \"under_stress\"");
  }

  const json* obs = field(j, "observation");
  if (!obs || !obs->is_object()) return bad("\"observation\" must be an object");
  const json* features = field(*obs, "features");
  if (!features || !features->is_array()) return bad("\"observation.features\" must be an array of names");
  for (const json& f : *features) {
    if (!f.is_string()) return bad("\"observation.features\" must be an array of names");
    spec.features.push_back(f.get<std::string>());
  }
  if (!read_numbers(field(*obs, "mean"), spec.actor.input_mean) || !read_numbers(field(*obs, "std"), spec.actor.input_std))
    return bad("\"observation.mean\" and \"observation.std\" must be arrays of finite numbers");
  const json* clip = field(*obs, "clip");
  if (!clip || !clip->is_number()) return bad("\"observation.clip\" must be a number");
  spec.actor.input_clip = clip->get<double>();

  const json* actor = field(j, "actor");
  if (!actor || !actor->is_object()) return bad("\"actor\" must be an object");
  const json* activation = field(*actor, "activation");
  if (!activation || !activation->is_string()) return bad("\"actor.activation\" must be \"relu\" or \"tanh\"");
  if (activation->get<std::string>() == "relu") spec.actor.activation = Activation::relu;
  else if (activation->get<std::string>() == "tanh") spec.actor.activation = Activation::tanh;
  else return bad("\"actor.activation\" must be \"relu\" or \"tanh\"");
  const json* layers = field(*actor, "layers");
  if (!layers || !layers->is_array() || layers->empty()) return bad("\"actor.layers\" must be a non-empty array");
  for (std::size_t l = 0; l < layers->size(); ++l) {
    auto layer = read_layer((*layers)[l], l);
    if (!layer.ok()) return layer.error();
    spec.actor.layers.push_back(std::move(layer).value());
  }
  if (std::string problem = check_actor_spec(spec.actor); !problem.empty()) return bad(problem);
  if (spec.features.size() != static_cast<std::size_t>(spec.actor.layers.front().inputs))
    return bad("\"observation.features\" must name every input of the first layer");
  if (const json* t = field(j, "training")) {
    if (!t->is_object()) return bad("\"training\" must be an object");
    spec.training = *t;
  }
  return spec;
}

std::string serialize_policy(const PolicySpec& spec) {
  // Keys in a fixed, readable order (nlohmann's objects sort keys; the top level is written by hand).
  json observation = json::object();
  observation["features"] = spec.features;
  observation["mean"] = spec.actor.input_mean;
  observation["std"] = spec.actor.input_std;
  observation["clip"] = spec.actor.input_clip;
  json layers = json::array();
  for (const DenseLayer& d : spec.actor.layers) {
    json weight = json::array();
    for (int o = 0; o < d.outputs; ++o) {
      const auto first = d.weight.begin() + static_cast<std::ptrdiff_t>(o) * d.inputs;
      weight.push_back(std::vector<double>(first, first + d.inputs));
    }
    layers.push_back({{"inputs", d.inputs}, {"outputs", d.outputs}, {"weight", weight}, {"bias", d.bias}});
  }
  json actor = {{"activation", spec.actor.activation == Activation::relu ? "relu" : "tanh"}, {"layers", layers}};
  const std::pair<const char*, json> top[] = {{"format", "finsim-policy"},
                                              {"version", kPolicyFormatVersion},
                                              {"name", spec.name},
                                              {"description", spec.description},
                                              {"algorithm", "MAPPO"},
                                              {"action_selection", std::string(action_selection_name(spec.selection))},
                                              {"discretion", std::string(discretion_name(spec.discretion))},
                                              {"training", spec.training},
                                              {"observation", observation},
                                              {"actor", actor}};
  std::string out = "{\n";
  for (std::size_t k = 0; k < std::size(top); ++k) {
    out += "  " + dump(json(top[k].first)) + ": ";
    write(top[k].second, 2, out);
    out += k + 1 < std::size(top) ? ",\n" : "\n";
  }
  out += "}\n";
  return out;
}

}  // namespace finsim::learning
