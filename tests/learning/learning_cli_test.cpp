// The learning commands of the finsim CLI, run as a user would: train, eval, run --policy FILE.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "child_process.hpp"
#include "test_paths.hpp"

using finsim::test::ProcessResult;
using finsim::test::run_process;

namespace {

std::string finsim_path() { return finsim::test::binary_dir() + "/cli/finsim"; }

ProcessResult finsim_cli(std::vector<std::string> args) {
  args.insert(args.begin(), finsim_path());
  return run_process(args);
}

std::string temp_path(const std::string& name) { return finsim::test::binary_dir() + "/tests/learning/" + name; }

// A training small enough for a test: 20 banks, 2 copies of 10 steps, 3 iterations.
std::vector<std::string> tiny_train(const std::string& out, const std::string& threads) {
  return {"train", "--scenario", "liquidity_freeze,core_default", "--cooperation", "0.7", "--steps", "60",
          "--seed", "9", "--banks", "20", "--copies", "2", "--episode-steps", "10", "--hidden", "8,8",
          "--out", out, "--log", out + ".csv", "--threads", threads, "--quiet", "--name", "tiny"};
}

void check_usage_error(const ProcessResult& r) {
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_FALSE(r.err.empty());
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

}  // namespace

TEST_CASE("finsim train writes the same policy file for the same seed whatever the thread count") {
  const std::string a = temp_path("tiny_a.json"), b = temp_path("tiny_b.json");
  const ProcessResult ra = finsim_cli(tiny_train(a, "1"));
  const ProcessResult rb = finsim_cli(tiny_train(b, "2"));
  INFO(ra.err << rb.err);
  REQUIRE(ra.exit_code == 0);
  REQUIRE(rb.exit_code == 0);
  CHECK(ra.out.empty());
  const std::string text = finsim::test::read_file(a);
  CHECK(text == finsim::test::read_file(b));
  const auto policy = nlohmann::json::parse(text);
  CHECK(policy["format"] == "finsim-policy");
  CHECK(policy["name"] == "tiny");
  CHECK(policy["training"]["options"]["cooperation"] == 0.7);
  CHECK(policy["training"]["options"]["command"].get<std::string>().rfind("finsim train --scenario", 0) == 0);
  const std::string csv = finsim::test::read_file(a + ".csv");
  CHECK(csv.rfind("iteration,env_steps,agent_steps,episode_return,entropy,approx_kl", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 4);  // header + 3 iterations
}

TEST_CASE("finsim eval and finsim run accept a policy file") {
  const std::string file = temp_path("tiny_eval.json");
  REQUIRE(finsim_cli(tiny_train(file, "2")).exit_code == 0);
  const ProcessResult eval = finsim_cli({"eval", "--policy", file, "--scenario", "core_default,calm", "--seeds",
                                         "1..3", "--steps", "15", "--banks", "20", "--json"});
  INFO(eval.err);
  REQUIRE(eval.exit_code == 0);
  const auto j = nlohmann::json::parse(eval.out);
  REQUIRE(j["scenarios"].size() == 2);
  const auto& policies = j["scenarios"][0]["policies"];
  REQUIRE(policies.size() == 7);  // the file and six baselines
  CHECK(policies[0]["policy"] == "tiny");
  CHECK(policies[1]["policy"] == "heuristic");
  const auto& dr = policies[0]["default_rate"];
  CHECK(dr["ci95"][0].get<double>() <= dr["mean"].get<double>());
  CHECK(policies[0].contains("default_rate_minus_heuristic"));

  const ProcessResult table = finsim_cli({"eval", "--policy", file, "--baselines", "heuristic", "--seeds", "5..6",
                                          "--steps", "5", "--banks", "20"});
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("tiny") != std::string::npos);
  CHECK(table.out.find("default rate") != std::string::npos);

  const ProcessResult markdown = finsim_cli({"eval", "--policy", file, "--baselines", "heuristic", "--seeds", "5..6",
                                             "--steps", "5", "--banks", "20", "--markdown"});
  REQUIRE(markdown.exit_code == 0);
  CHECK(markdown.out.rfind("**liquidity_freeze** (seeds 5–6, 5 steps)\n\n| policy | default rate |", 0) == 0);
  CHECK(markdown.out.find("\n| tiny | ") != std::string::npos);
  CHECK(markdown.out.find("\n| heuristic | ") != std::string::npos);

  const ProcessResult run = finsim_cli({"run", "--policy", file, "--steps", "2", "--banks", "20", "--compact"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("\"policy\":\"tiny\"") != std::string::npos);
}

TEST_CASE("the learning commands reject bad arguments with one line and exit code 2") {
  const std::string out = temp_path("never.json");
  check_usage_error(finsim_cli({"train", "--scenario", "calm", "--steps", "10"}));  // no --out
  check_usage_error(finsim_cli({"train", "--out", out, "--cooperation", "1.5"}));
  check_usage_error(finsim_cli({"train", "--out", out, "--scenario", "atlantis"}));
  check_usage_error(finsim_cli({"train", "--out", out, "--hidden", "8,x"}));
  check_usage_error(finsim_cli({"train", "--out", out, "--selection", "greedy"}));
  check_usage_error(finsim_cli({"train", "--out", out, "--bogus"}));
  check_usage_error(finsim_cli({"eval", "--scenario", "calm"}));  // no --policy
  check_usage_error(finsim_cli({"eval", "--policy", "heuristic", "--seeds", "9..3"}));
  check_usage_error(finsim_cli({"eval", "--policy", "nobody"}));
  check_usage_error(finsim_cli({"eval", "--policy", temp_path("missing.json")}));
  check_usage_error(finsim_cli({"run", "--policy", temp_path("missing.json")}));
  const std::string broken = temp_path("broken.json");
  std::ofstream(broken) << "{\"format\": \"finsim-policy\", \"version\": 1}";
  check_usage_error(finsim_cli({"run", "--policy", broken}));
  check_usage_error(finsim_cli({"bench", "--learning", "--threads", "0"}));
}
