// finsim why: the explanation as sentences and as JSON, and clean refusals of what it cannot explain.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

using finsim::test::is_clean_failure;
using finsim::test::run_finsim;
using nlohmann::json;

TEST_CASE("why prints the explanation's sentences and --json the same explanation as data", "[why]") {
  const std::vector<std::string> args{"why", "--scenario", "liquidity_freeze", "--seed", "3002", "--bank", "44"};
  const auto text = run_finsim(args);
  REQUIRE(text.exit_code == 0);
  CHECK(text.err.empty());
  CHECK(text.out.rfind("Bank 44 failed at step 12, illiquid", 0) == 0);
  CHECK(text.out.find("Had Bank 17 not recalled its loan at steps 11-12, it would still be standing at step 200.\n") !=
        std::string::npos);

  auto with_json = args;
  with_json.push_back("--json");
  const auto data = run_finsim(with_json);
  REQUIRE(data.exit_code == 0);
  const json x = json::parse(data.out);
  CHECK(x["bank"] == 44);
  CHECK(x["default_step"] == 12);
  CHECK(x["cause"] == "illiquid");
  CHECK(x["horizon"] == 200);
  std::string sentences;
  for (const auto& s : x["sentences"]) sentences += s.get<std::string>() + "\n";
  CHECK(sentences == text.out);
  bool recall_by_17 = false;
  for (const auto& c : x["causes"])
    if (c["kind"] == "recall" && c["bank"] == 17) recall_by_17 = c["necessary"] == true && c["without"]["failed"] == false;
  CHECK(recall_by_17);
}

TEST_CASE("why replays the run's controls given with --at as finsim run reads them", "[why]") {
  const auto r = run_finsim({"why", "--scenario", "calm", "--seed", "3001", "--steps", "60", "--bank", "17", "--at",
                             R"(20:{"control":"force_default","bank":17})", "--json"});
  REQUIRE(r.exit_code == 0);
  const json x = json::parse(r.out);
  CHECK(x["cause"] == "forced");
  CHECK(x["forced_by"] == "intervention");
  REQUIRE(x["causes"].size() == 1);
  CHECK(x["causes"][0]["kind"] == "intervention");
  CHECK(x["causes"][0]["control"] == json{{"step", 20}, {"control", "force_default"}, {"bank", 17}});
  CHECK(x["causes"][0]["necessary"] == true);
}

TEST_CASE("why refuses what it cannot explain with exit code 2 and one line", "[why]") {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"why", "--scenario", "liquidity_freeze"},                              // no --bank
           {"why", "--bank", "100"},                                               // no such bank
           {"why", "--bank", "-1"},
           {"why", "--bank", "x"},
           {"why", "--scenario", "calm", "--seed", "3000", "--steps", "30", "--bank", "5"},  // did not fail
           {"why", "--bank", "5", "--steps", "0"},
           {"why", "--bank", "5", "--scenario", "meltdown"},
           {"why", "--bank", "5", "--at", "3:{\"control\":\"step\"}"},
           {"why", "--bank", "5", "--at", "3:{\"control\":\"force_default\",\"bank\":500}"},
           {"why", "--bank", "5", "--policy", "genius"},
           {"why", "--bank", "5", "--verbose"},
       }) {
    const auto r = run_finsim(args);
    INFO(args.back() << ": exit " << r.exit_code << ", stderr " << r.err);
    CHECK(is_clean_failure(r));
  }
  const auto not_failed = run_finsim({"why", "--scenario", "calm", "--seed", "3000", "--steps", "30", "--bank", "5"});
  CHECK(not_failed.err.find("did not fail") != std::string::npos);
  // 33 interventions before the failure: more causes than are replayed (interventions are not grouped).
  std::vector<std::string> busy{"why", "--scenario", "calm", "--seed", "3001", "--steps", "60", "--bank", "17",
                                "--at", R"(20:{"control":"force_default","bank":17})"};
  for (int k = 0; k < 32; ++k) {
    busy.push_back("--intervene");
    busy.push_back(std::to_string(1 + k / 2) + ":price_shock:0.001");
  }
  const auto too_many = run_finsim(busy);
  CHECK(is_clean_failure(too_many));
  CHECK(too_many.err.find("candidate causes") != std::string::npos);
}
