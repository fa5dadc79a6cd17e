// finsim lessons: every lesson of docs/lessons.md holds on held-out seeds (a smaller set than the
// documented run, and a different one: seeds 2000..2049), and its arguments are checked.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_support.hpp"

using finsim::test::is_clean_failure;
using finsim::test::run_finsim;
using nlohmann::json;

namespace {

const json& lessons_on_held_out_seeds() {
  static const json out = [] {
    const auto r = run_finsim({"lessons", "--seeds", "2000..2049", "--json"});
    REQUIRE(r.err.empty());
    return json::parse(r.out);
  }();
  return out;
}

std::string describe(const json& l) {
  std::ostringstream s;
  s << l["id"].get<std::string>() << ": " << l["measure"].get<std::string>() << " = " << l["effect"] << " "
    << l["ci95"] << ", target " << l["check"].get<std::string>() << " " << l["target"] << " (" << l["note"] << ")";
  return s.str();
}

}  // namespace

TEST_CASE("every lesson holds on 50 held-out seeds") {
  const json& out = lessons_on_held_out_seeds();
  REQUIRE(out["lessons"].size() >= 17);
  for (const json& l : out["lessons"]) {
    INFO(describe(l));
    CHECK(l["holds"] == true);
  }
}

TEST_CASE("lessons: --only runs just the named lessons") {
  // One seed: the interval of a paired difference is a single point, and calm_heuristic (0 defaults)
  // holds while nothing else runs.
  const auto r = run_finsim({"lessons", "--seeds", "1000", "--only", "calm_heuristic", "--json"});
  REQUIRE(r.exit_code == 0);
  const json out = json::parse(r.out);
  REQUIRE(out["lessons"].size() == 1);
  CHECK(out["lessons"][0]["id"] == "calm_heuristic");
  CHECK(out["lessons"][0]["effect"] == 0.0);
}

TEST_CASE("lessons: usage errors exit 2 with one line") {
  CHECK(is_clean_failure(run_finsim({"lessons", "--only", "no_such_lesson"})));
  CHECK(is_clean_failure(run_finsim({"lessons", "--seeds", "9..3"})));
  CHECK(is_clean_failure(run_finsim({"lessons", "--seeds", "x"})));
}

TEST_CASE("the Markdown table has one row per lesson") {
  const auto r = run_finsim({"lessons", "--seeds", "1000..1001", "--only", "freeze_story,spiral_story", "--markdown"});
  REQUIRE(r.err.empty());
  CHECK(r.out.find("| `freeze_story` |") != std::string::npos);
  CHECK(r.out.find("| `spiral_story` |") != std::string::npos);
}
