// Policy files, learned policies and the golden actions that native and WASM builds must both reproduce.
//
// tests/learning/data/golden_policy.json is a fixed small trained actor; golden_actions.json holds, for
// fixed inputs (feature vectors taken from simulations, plus clipped extremes), its exact logits
// (shortest round-trip decimals), argmax and sampled actions. They depend on nothing but the policy
// evaluator, not on the simulation's physics. Regenerate both (only when the feature list or the file
// format changes on purpose) with: learning_tests "[.generate-goldens]".
#include <catch2/catch.hpp>

#include <bit>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "finsim/learning/bank_features.hpp"
#include "finsim/learning/learned_policy.hpp"
#include "finsim/learning/training_session.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"
#include "test_paths.hpp"

using namespace finsim;
using namespace finsim::learning;
using nlohmann::json;

namespace {

std::string data_path(const std::string& name) { return test::source_dir() + "/tests/learning/data/" + name; }

TrainingOptions tiny_options(std::uint64_t seed) {
  TrainingOptions o;
  o.scenarios = {"liquidity_freeze", "core_default"};
  o.overrides = {{"banks", "30"}};
  o.copies = 2;
  o.episode_steps = 20;
  o.steps = 80;
  o.name = "tiny";
  o.trainer.hidden = {32, 32};
  o.trainer.seed = seed;
  return o;
}

PolicySpec tiny_trained_spec(std::uint64_t seed) {
  auto session = TrainingSession::create(tiny_options(seed));
  REQUIRE(session.ok());
  while (!session->done()) session->iterate();
  return session->policy_spec();
}

// The simulations the golden inputs were taken from (and a replay test runs).
struct GoldenRun {
  const char* scenario;
  std::uint64_t seed;
  int steps;
};
constexpr GoldenRun kGoldenRuns[] = {{"liquidity_freeze", 3, 30}, {"core_default", 4, 30}, {"gai_kapadia", 5, 12}};

// Every action of every bank, one digit per bank, one string per step.
std::vector<std::string> action_sequence(std::unique_ptr<Policy> policy, const GoldenRun& run) {
  auto sim = Simulation::create(scenario_config(run.scenario).value(), run.seed, std::move(policy));
  REQUIRE(sim.ok());
  std::vector<std::string> out;
  for (int t = 0; t < run.steps; ++t) {
    sim->step();
    std::string row;
    for (Action a : sim->actions()) row.push_back(static_cast<char>('0' + static_cast<int>(a)));
    out.push_back(row);
  }
  return out;
}

std::shared_ptr<const PolicySpec> golden_spec(ActionSelection selection) {
  auto spec = parse_policy(test::read_file(data_path("golden_policy.json")));
  REQUIRE(spec.ok());
  spec.value().selection = selection;
  return std::make_shared<const PolicySpec>(std::move(spec).value());
}

}  // namespace

TEST_CASE("a policy file round-trips exactly") {
  PolicySpec spec = tiny_trained_spec(1);
  spec.description = "round trip ✓";
  spec.selection = ActionSelection::sample;
  CHECK(spec.discretion == Discretion::under_stress);  // the training default
  spec.discretion = Discretion::always;
  const std::string text = serialize_policy(spec);
  auto back = parse_policy(text);
  REQUIRE(back.ok());
  CHECK(back->name == spec.name);
  CHECK(back->description == spec.description);
  CHECK(back->selection == ActionSelection::sample);
  CHECK(back->discretion == Discretion::always);
  CHECK(back->features == spec.features);
  CHECK(back->actor.input_mean == spec.actor.input_mean);
  CHECK(back->actor.input_std == spec.actor.input_std);
  CHECK(back->actor.input_clip == spec.actor.input_clip);
  REQUIRE(back->actor.layers.size() == spec.actor.layers.size());
  for (std::size_t l = 0; l < spec.actor.layers.size(); ++l) {
    CHECK(back->actor.layers[l].weight == spec.actor.layers[l].weight);
    CHECK(back->actor.layers[l].bias == spec.actor.layers[l].bias);
  }
  CHECK(back->training == spec.training);
  CHECK(serialize_policy(back.value()) == text);
}

TEST_CASE("the same training options and seed give the same policy file, byte for byte") {
  CHECK(serialize_policy(tiny_trained_spec(4)) == serialize_policy(tiny_trained_spec(4)));
  CHECK(serialize_policy(tiny_trained_spec(4)) != serialize_policy(tiny_trained_spec(5)));
}

TEST_CASE("malformed policy files are rejected with a reason") {
  const std::string good = serialize_policy(tiny_trained_spec(1));
  auto mutate = [&](const std::function<void(json&)>& change) {
    json j = json::parse(good);
    change(j);
    return parse_policy(j.dump());
  };
  const std::vector<std::pair<std::string, Result<PolicySpec>>> cases = {
      {"not json", parse_policy("{nope")},
      {"array", parse_policy("[1, 2]")},
      {"format", mutate([](json& j) { j["format"] = "other"; })},
      {"version", mutate([](json& j) { j["version"] = 99; })},
      {"name", mutate([](json& j) { j.erase("name"); })},
      {"selection", mutate([](json& j) { j["action_selection"] = "greedy"; })},
      {"discretion", mutate([](json& j) { j["discretion"] = "sometimes"; })},
      {"discretion type", mutate([](json& j) { j["discretion"] = 1; })},
      {"activation", mutate([](json& j) { j["actor"]["activation"] = "gelu"; })},
      {"weight rows", mutate([](json& j) { j["actor"]["layers"][0]["weight"].erase(0); })},
      {"weight row length", mutate([](json& j) { j["actor"]["layers"][1]["weight"][0].push_back(1.0); })},
      {"bias", mutate([](json& j) { j["actor"]["layers"][2]["bias"] = "x"; })},
      {"chain", mutate([](json& j) {
         auto& layer = j["actor"]["layers"][2];
         layer["inputs"] = 31;
         for (auto& row : layer["weight"]) row.erase(0);
       })},
      {"first layer", mutate([](json& j) { j["actor"]["layers"].erase(0); })},
      {"std", mutate([](json& j) { j["observation"]["std"][3] = 0.0; })},
      {"mean size", mutate([](json& j) { j["observation"]["mean"].erase(0); })},
      {"features", mutate([](json& j) { j["observation"]["features"].erase(0); })},
      {"string weight", mutate([](json& j) { j["actor"]["layers"][0]["weight"][0][0] = "1"; })},
  };
  for (const auto& [what, result] : cases) {
    INFO(what);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "bad_policy");
    CHECK_FALSE(result.error().message.empty());
  }
}

TEST_CASE("a file without discretion is read as choosing always (files written before it existed)") {
  json j = json::parse(serialize_policy(tiny_trained_spec(1)));
  j.erase("discretion");
  auto spec = parse_policy(j.dump());
  REQUIRE(spec.ok());
  CHECK(spec->discretion == Discretion::always);
}

TEST_CASE("a learned bank with discretion under_stress follows the calm conduct outside stress") {
  // The golden actor's own choices differ from the heuristic's calm conduct in calm times; given
  // discretion only under stress, every bank the heuristic reads as unstressed takes its calm action.
  auto spec = parse_policy(test::read_file(data_path("golden_policy.json"))).value();
  const SimConfig config = scenario_config("liquidity_freeze").value();
  for (Discretion d : {Discretion::always, Discretion::under_stress}) {
    spec.discretion = d;
    auto sim = Simulation::create(config, 3,
                                  std::move(make_learned_policy(std::make_shared<const PolicySpec>(spec), "g")).value());
    REQUIRE(sim.ok());
    int calm = 0, calm_as_heuristic = 0, stressed = 0;
    for (int t = 0; t < 40; ++t) {
      sim->begin_step();
      const std::vector<BankObservation> obs(sim->observations().begin(), sim->observations().end());
      const std::vector<ActionMask> masks(sim->action_masks().begin(), sim->action_masks().end());
      const std::vector<std::uint8_t> active(sim->active().begin(), sim->active().end());
      sim->step();
      for (std::size_t i = 0; i < obs.size(); ++i) {
        if (!active[i]) continue;
        const HeuristicReading r = read_situation(obs[i], config);
        if (r == HeuristicReading::needs_cash || r == HeuristicReading::borrowers_stressed) {
          ++stressed;
          continue;
        }
        const ActionMask m = under_stress_mask(obs[i], masks[i], config);
        REQUIRE(std::popcount(m) == 1);
        ++calm;
        calm_as_heuristic += allows(m, sim->actions()[i]);
      }
    }
    INFO(discretion_name(d));
    CHECK(stressed > 0);
    if (d == Discretion::under_stress) CHECK(calm_as_heuristic == calm);
    else CHECK(calm_as_heuristic < calm);  // the test can tell the difference
  }
}

TEST_CASE("a policy trained on other features cannot drive banks") {
  PolicySpec spec = tiny_trained_spec(1);
  spec.features[0] = "something_else";
  auto policy = make_learned_policy(std::make_shared<const PolicySpec>(spec), "x");
  REQUIRE_FALSE(policy.ok());
  CHECK(policy.error().code == "incompatible_policy");
}

TEST_CASE("a learned policy takes only feasible actions and replays identically") {
  auto spec = golden_spec(ActionSelection::sample);
  auto run = [&] { return action_sequence(std::move(make_learned_policy(spec, "g")).value(), kGoldenRuns[0]); };
  const auto a = run();
  CHECK(a == run());
  auto sim = Simulation::create(scenario_config("core_default").value(), 9,
                                std::move(make_learned_policy(spec, "g")).value());
  for (int t = 0; t < 25; ++t) {
    sim->begin_step();
    const std::vector<ActionMask> masks(sim->action_masks().begin(), sim->action_masks().end());
    sim->step();
    for (std::size_t i = 0; i < masks.size(); ++i) CHECK(allows(masks[i], sim->actions()[i]));
  }
}

TEST_CASE("the learned policy reproduces the golden logits and actions exactly") {
  const json golden = json::parse(test::read_file(data_path("golden_actions.json")));
  ActorNetwork net(golden_spec(ActionSelection::argmax)->actor);
  int checked = 0;
  for (const json& c : golden["cases"]) {
    const std::vector<double> features = c["features"].get<std::vector<double>>();
    const auto mask = c["mask"].get<std::uint32_t>();
    double logits[kActionCount];
    net.logits(features, logits);
    const std::vector<double> expected = c["logits"].get<std::vector<double>>();
    for (int a = 0; a < kActionCount; ++a) CHECK(logits[a] == expected[static_cast<std::size_t>(a)]);
    CHECK(ActorNetwork::argmax(logits, mask) == c["argmax"].get<int>());
    CHECK(ActorNetwork::sample(logits, mask, c["u"].get<double>()) == c["sample"].get<int>());
    ++checked;
  }
  CHECK(checked >= 100);
}

TEST_CASE("shipped policies parse, drive banks and are listed by name") {
  const auto names = policy_names();
  for (const ShippedPolicy& p : shipped_policies()) {
    INFO(p.name);
    auto spec = parse_policy(p.json);
    REQUIRE(spec.ok());
    CHECK(std::find(names.begin(), names.end(), std::string(p.name)) != names.end());
    auto policy = make_policy(p.name);
    REQUIRE(policy.ok());
    REQUIRE(policy.value() != nullptr);
    CHECK(policy.value()->name() == p.name);
    auto sim = Simulation::create(scenario_config("liquidity_freeze").value(), 1, std::move(policy).value());
    REQUIRE(sim.ok());
    for (int t = 0; t < 5; ++t) sim->step();
  }
}

TEST_CASE("write the golden policy and actions", "[.generate-goldens]") {
  PolicySpec spec = tiny_trained_spec(2024);
  spec.name = "golden";
  spec.description = "A small trained actor whose exact outputs are recorded in golden_actions.json.";
  std::ofstream(data_path("golden_policy.json")) << serialize_policy(spec);
  auto shared = golden_spec(ActionSelection::argmax);
  ActorNetwork net(shared->actor);
  Rng rng(77);
  json cases = json::array();
  auto add = [&](const std::vector<double>& features, std::uint32_t mask) {
    double logits[kActionCount];
    net.logits(features, logits);
    const double u = rng.uniform();
    cases.push_back({{"features", features},
                     {"mask", mask},
                     {"logits", std::vector<double>(logits, logits + kActionCount)},
                     {"argmax", ActorNetwork::argmax(logits, mask)},
                     {"u", u},
                     {"sample", ActorNetwork::sample(logits, mask, u)}});
  };
  for (const GoldenRun& run : kGoldenRuns) {
    auto sim = Simulation::create(scenario_config(run.scenario).value(), run.seed);
    for (int t = 0; t < run.steps; ++t) {
      sim->begin_step();
      const auto obs = sim->observations();
      const auto masks = sim->action_masks();
      for (std::size_t i = static_cast<std::size_t>(t) % 41; i < obs.size(); i += 41) {
        if (!sim->active()[i]) continue;
        std::vector<double> f(kBankFeatureCount);
        bank_features(obs[i], masks[i], f);
        add(f, masks[i]);
      }
      sim->step();
    }
  }
  add(std::vector<double>(kBankFeatureCount, 0.0), 0b1111);
  add(std::vector<double>(kBankFeatureCount, 1e6), 0b0101);   // clipped inputs
  add(std::vector<double>(kBankFeatureCount, -1e6), 0b1001);
  // One case per line: compact, yet diffs stay readable.
  std::ofstream out(data_path("golden_actions.json"));
  out << "{\"policy\": \"golden_policy.json\",\n\"cases\": [\n";
  for (std::size_t k = 0; k < cases.size(); ++k) out << cases[k].dump() << (k + 1 < cases.size() ? ",\n" : "\n");
  out << "]}\n";
}
