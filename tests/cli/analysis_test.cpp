// finsim clear / debtrank / sweep: the JSON interfaces of model.md and their error paths.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

using finsim::test::run_finsim;
using finsim::test::is_clean_failure;
using nlohmann::json;

TEST_CASE("clear reproduces Rogers & Veraart Example 3.3 exactly as model.md shows it") {
  const auto r = run_finsim({"clear"}, R"({"liabilities": [[0, 2], [2.2, 0]], "external_assets": [1, 1],
      "external_liabilities": [0, 0], "seniority": "pari_passu", "alpha": 0.5, "beta": 0.5})");
  REQUIRE(r.exit_code == 0);
  const auto j = json::parse(r.out);
  CHECK(j["payments"][0].get<double>() == Approx(2).margin(1e-12));
  CHECK(j["payments"][1].get<double>() == Approx(2.2).margin(1e-12));
  CHECK(j["equity"][0].get<double>() == Approx(1.2).margin(1e-12));
  CHECK(j["equity"][1].get<double>() == Approx(0.8).margin(1e-12));
  CHECK(j["defaulted"] == json::array({false, false}));
  CHECK(j["rounds"] == 0);
}

TEST_CASE("clear: the three-bank pari-passu example, defaults as optional keys, from a file") {
  const std::string path = "/tmp/finsim_clear_test.json";
  {
    FILE* f = std::fopen(path.c_str(), "w");
    REQUIRE(f);
    std::fputs(R"({"liabilities": [[0,0.5,0.5],[0.5,0,0.5],[0.5,0.5,0]], "external_assets": [0.5,0.625,0.75],
                  "external_liabilities": [1.5,0.5,0.5]})", f);
    std::fclose(f);
  }
  const auto r = run_finsim({"clear", path});
  REQUIRE(r.exit_code == 0);
  const auto j = json::parse(r.out);
  CHECK(j["payments"][0].get<double>() == Approx(165.0 / 112).margin(1e-9));
  CHECK(j["payments"][1].get<double>() == Approx(159.0 / 112).margin(1e-9));
  CHECK(j["payments"][2].get<double>() == Approx(1.5).margin(1e-9));
  CHECK(j["defaulted"] == json::array({true, true, false}));
  std::remove(path.c_str());
}

TEST_CASE("clear refuses malformed input cleanly") {
  for (const char* input : {
           "",
           "{",
           "[1, 2]",
           R"({"liabilities": [[0, 1]], "external_assets": [1]})",
           R"({"liabilities": [[0, 1], [1]], "external_assets": [1, 1]})",
           R"({"liabilities": [[0, -1], [1, 0]], "external_assets": [1, 1]})",
           R"({"liabilities": [[0, 1], [1, 0]], "external_assets": [1, -1]})",
           R"({"liabilities": [[0, 1], [1, 0]], "external_assets": [1, 1e999]})",
           R"({"liabilities": [[0, 1], [1, 0]], "external_assets": [1]})",
           R"({"liabilities": [[0, 1], [1, 0]], "external_assets": [1, 1], "alpha": 2})",
           R"({"liabilities": [[0, 1], [1, 0]], "external_assets": [1, 1], "beta": -0.1})",
           R"({"liabilities": [[0, 1], [1, 0]], "external_assets": [1, 1], "seniority": "junior"})",
           R"({"liabilities": [[0, 1], [1, 0]], "external_assets": [1, 1], "alpha": "half"})",
           R"({"liabilities": [[0, 1], [1, 0]], "external_assets": [1, 1], "gamma": 1})",
           R"({"liabilities": [[0, "1"], [1, 0]], "external_assets": [1, 1]})",
           R"({"liabilities": [[1, 1], [1, 0]], "external_assets": [1, 1]})",
           R"({"external_assets": [1, 1]})",
           // Amounts near 1e308 overflowed to null equities: beyond 1e15 they are refused.
           R"({"liabilities": [[0, 1e308], [1e308, 0]], "external_assets": [1e308, 1e308]})",
           R"({"liabilities": [[0, 1], [1, 0]], "external_assets": [1, 1], "external_liabilities": [2e15, 0]})",
       }) {
    const auto r = run_finsim({"clear"}, input);
    INFO(input << " -> " << r.err);
    CHECK(is_clean_failure(r));
  }
  CHECK(is_clean_failure(run_finsim({"clear", "/nonexistent/file.json"})));
  CHECK(is_clean_failure(run_finsim({"clear", "a.json", "b.json"})));
}

TEST_CASE("debtrank reproduces the model.md example, R = 13/14, in both variants") {
  for (const char* variant : {"original", "linear"}) {
    const auto r = run_finsim({"debtrank"}, std::string(R"({"exposures": [[0,1,0],[10,0,3],[3,2,0]], "capital": [2,5,2],
        "value": [10,100,30], "shock": [1,0,0], "variant": ")") + variant + "\"}");
    REQUIRE(r.exit_code == 0);
    const auto j = json::parse(r.out);
    CHECK(j["debtrank"].get<double>() == Approx(13.0 / 14).margin(1e-12));
    CHECK(j["h"].size() == 3);
  }
}

TEST_CASE("clear and debtrank accept amounts up to 1e15") {
  const auto c = run_finsim({"clear"}, R"({"liabilities": [[0, 1e15], [1e15, 0]], "external_assets": [1e15, 1e15]})");
  REQUIRE(c.exit_code == 0);
  for (const auto& e : json::parse(c.out)["equity"]) CHECK(e.is_number());
  const auto d = run_finsim({"debtrank"}, R"({"exposures": [[0,1e15],[1e15,0]], "capital": [1e15,1e15], "value": [1e15,1e15], "shock": [1,0]})");
  REQUIRE(d.exit_code == 0);
  CHECK(json::parse(d.out)["debtrank"].get<double>() > 0.0);
}

TEST_CASE("debtrank refuses malformed input cleanly") {
  for (const char* input : {
           "nope",
           R"({"exposures": [[0,1],[1,0]], "capital": [1,1], "value": [1,1]})",
           R"({"exposures": [[0,1],[1,0]], "capital": [1,0], "value": [1,1], "shock": [0,1]})",
           R"({"exposures": [[0,1],[1,0]], "capital": [1,1], "value": [1,1], "shock": [0,2]})",
           R"({"exposures": [[0,1],[1]], "capital": [1,1], "value": [1,1], "shock": [0,1]})",
           R"({"exposures": [[0,1],[1,0]], "capital": [1,1], "value": [1,1], "shock": [0,1], "variant": "fancy"})",
           R"({"exposures": [[0,1],[1,0]], "capital": [1,1], "value": [0,0], "shock": [0,1]})",
           // A value near 1e308 made the total value infinite and DebtRank 0 with h = 1.
           R"({"exposures": [[0,1e300],[1e300,0]], "capital": [1,1], "value": [1e308,1e308], "shock": [1,0]})",
           R"({"exposures": [[0,1],[1,0]], "capital": [1,-2e15], "value": [1,1], "shock": [1,0]})",
       }) {
    const auto r = run_finsim({"debtrank"}, input);
    INFO(input << " -> " << r.err);
    CHECK(is_clean_failure(r));
  }
}

TEST_CASE("sweep gai-kapadia prints the CSV, independent of the thread count") {
  const auto one = run_finsim({"sweep", "gai-kapadia", "--n", "300", "--draws", "40", "--z", "1,4,10", "--threads", "1"});
  const auto two = run_finsim({"sweep", "gai-kapadia", "--n", "300", "--draws", "40", "--z", "1,4,10", "--threads", "2"});
  REQUIRE(one.exit_code == 0);
  CHECK(one.out == two.out);
  CHECK(one.out.rfind("z,p_contagion,mean_extent\n1,", 0) == 0);
  CHECK(std::count(one.out.begin(), one.out.end(), '\n') == 4);
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"sweep"}, {"sweep", "dominoes"}, {"sweep", "gai-kapadia", "--z", "1,x"}, {"sweep", "gai-kapadia", "--n", "0"},
           {"sweep", "gai-kapadia", "--draws", "-5"}, {"sweep", "gai-kapadia", "--z", ""}}) {
    CHECK(is_clean_failure(run_finsim(args)));
  }
}
