// "Why did this bank fail?" (why.hpp): known failures explained by the cause that made them, the same
// explanation every time and through a Session, and the errors of what cannot be explained.
// Seeds 3000-3049 only (1000-1099 and 2000-2049 are held out for the lessons).
#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "finsim/analysis_json.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/session.hpp"
#include "finsim/why.hpp"

using namespace finsim;
using nlohmann::json;

namespace {

RunRecipe recipe(const std::string& scenario, std::uint64_t seed, int steps = 200) {
  RunRecipe r;
  r.config = scenario_config(scenario).value();
  r.seed = seed;
  r.steps = steps;
  return r;
}

FailureExplanation explained(const RunRecipe& r, int bank) {
  auto x = explain_failure(r, bank);
  INFO((x.ok() ? std::string() : x.error().message));
  REQUIRE(x.ok());
  return std::move(x).value();
}

const FailureCause* find_cause(const FailureExplanation& x, CauseKind kind, int bank = -1) {
  for (const FailureCause& c : x.causes)
    if (c.kind == kind && (bank < 0 || c.bank == bank)) return &c;
  return nullptr;
}

bool says(const FailureExplanation& x, const std::string& text) {
  for (const std::string& s : x.sentences)
    if (s.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("liquidity_freeze: the recall of one lender was necessary while another's only hastened the failure", "[why]") {
  // Seed 3002: bank 44 fails illiquid at step 12 after banks 4 and 17 recall their loans (steps 11-12).
  const FailureExplanation x = explained(recipe("liquidity_freeze", 3002), 44);
  CHECK(x.default_step == 12);
  CHECK(x.cause == DefaultCause::illiquid);
  CHECK(x.horizon == 200);
  const FailureCause* decisive = find_cause(x, CauseKind::recall, 17);
  REQUIRE(decisive != nullptr);
  CHECK(decisive->steps == std::vector<int>{11, 12});
  CHECK(decisive->amount > 0.0);
  CHECK(decisive->necessary());
  CHECK_FALSE(decisive->without.failed);
  const FailureCause* hastening = find_cause(x, CauseKind::recall, 4);
  REQUIRE(hastening != nullptr);
  CHECK_FALSE(hastening->necessary());
  CHECK(hastening->without.default_step > x.default_step);
  CHECK(says(x, "Had Bank 17 not recalled its loan at steps 11-12, it would still be standing at step 200."));
  CHECK(says(x, "Had Bank 4 not recalled its loan at steps 11-12, it would still have failed, but later, at step "));
  // The withdrawal that hit its deposits is a cause of its own, apart from the rest of the shock.
  REQUIRE(find_cause(x, CauseKind::withdrawal_shock) != nullptr);
  REQUIRE(find_cause(x, CauseKind::scenario_shock) != nullptr);
  CHECK(find_cause(x, CauseKind::withdrawal_shock)->necessary());
  CHECK(says(x, "Bank 44 failed at step 12, illiquid"));
}

TEST_CASE("core_default: an insolvent creditor of the failed core bank failed from its loss on it", "[why]") {
  // Seed 3000: the scenario fails bank 2 at step 10; bank 32, its creditor, fails in the same clearing.
  const FailureExplanation x = explained(recipe("core_default", 3000), 32);
  CHECK(x.default_step == 10);
  CHECK(x.cause == DefaultCause::insolvent);
  const FailureCause* loss = find_cause(x, CauseKind::debtor_default, 2);
  REQUIRE(loss != nullptr);
  CHECK(loss->necessary());
  CHECK(loss->recovery < 1.0);
  CHECK_FALSE(loss->occurs_alone);  // without the shock, bank 2 does not fail
  const FailureCause* shock = find_cause(x, CauseKind::scenario_shock);
  REQUIRE(shock != nullptr);
  CHECK(shock->bank == 2);
  CHECK(shock->necessary());
  CHECK_FALSE(shock->sufficient_alone());  // with its claim repaid in full, the shock alone does not sink it
  CHECK(says(x, "Had its claim on Bank 2 been repaid in full when Bank 2 failed at step 10, it would still be standing at step 200."));
}

TEST_CASE("a forced default is explained by the intervention that forced it", "[why]") {
  RunRecipe r = recipe("calm", 3001, 60);
  r.controls.push_back({20, {Intervention::Kind::force_default, 17, 0.0, Action::hold}});
  const FailureExplanation x = explained(r, 17);
  CHECK(x.default_step == 20);
  CHECK(x.cause == DefaultCause::forced);
  REQUIRE(x.causes.size() == 1);
  const FailureCause& c = x.causes.front();
  CHECK(c.kind == CauseKind::intervention);
  CHECK(c.control == 0);
  CHECK(c.necessary());
  CHECK(c.sufficient_alone());
  CHECK_FALSE(x.without_any.failed);
  CHECK(x.sentences == std::vector<std::string>{
                           "Bank 17 failed at step 20, forced into default by an intervention.",
                           "Had Bank 17 not been forced to default at step 20, it would still be standing at step 60."});
}

TEST_CASE("a default the scenario's shock forced says so, and the shock is its necessary cause", "[why]") {
  // core_default, seed 42: the shock fails the largest core bank, Bank 2, at step 10 (forced_by_test.cpp).
  const FailureExplanation x = explained(recipe("core_default", 42, 10), 2);
  CHECK(x.cause == DefaultCause::forced);
  CHECK(x.forced_by == ForcedBy::shock);
  REQUIRE_FALSE(x.sentences.empty());
  CHECK(x.sentences.front() == "Bank 2 failed at step 10, forced into default by the scenario's shock.");
  const FailureCause* shock = find_cause(x, CauseKind::scenario_shock, 2);
  REQUIRE(shock != nullptr);
  CHECK(shock->necessary());
  CHECK(failure_explanation_json(x)["forced_by"] == "shock");
  // A failure nothing forced says nothing of forcing.
  const FailureExplanation insolvent = explained(recipe("core_default", 42, 10), 34);
  CHECK(insolvent.forced_by == ForcedBy::none);
  CHECK_FALSE(failure_explanation_json(insolvent).contains("forced_by"));
}

TEST_CASE("a default the scenario's shock forced is told by the shock, not by its own consequences", "[why]") {
  // core_default, seed 42: the shock fails the largest core bank, Bank 2, at step 10 (forced_by_test.cpp).
  // Its losses on Banks 69 and 93, which failed in the same clearing, are weighed too; without either it
  // still fails, so they are not told as causes.
  const FailureExplanation x = explained(recipe("core_default", 42, 10), 2);
  CHECK(x.cause == DefaultCause::forced);
  CHECK(x.forced_by == ForcedBy::shock);
  const FailureCause* shock = find_cause(x, CauseKind::scenario_shock, 2);
  REQUIRE(shock != nullptr);
  CHECK(shock->necessary());
  REQUIRE(find_cause(x, CauseKind::debtor_default, 69) != nullptr);
  CHECK(find_cause(x, CauseKind::debtor_default, 69)->without.failed);
  CHECK(x.sentences == std::vector<std::string>{
                           "Bank 2 failed at step 10, forced into default by the scenario's shock.",
                           "Had the scenario's shock not come at step 10, it would still be standing at step 10.",
                           "Without any one of the 2 other causes the engine weighed it would still have failed: a forced "
                           "failure is imposed, not caused by what else touched it."});
  CHECK(failure_explanation_json(x)["forced_by"] == "shock");
  // A failure nothing forced says nothing of forcing.
  const FailureExplanation insolvent = explained(recipe("core_default", 42, 10), 34);
  CHECK(insolvent.forced_by == ForcedBy::none);
  CHECK_FALSE(failure_explanation_json(insolvent).contains("forced_by"));
}

TEST_CASE("the explanation is the same on every call and through a session that played the same run", "[why]") {
  RunRecipe r = recipe("liquidity_freeze", 3002, 20);
  r.controls.push_back({11, {Intervention::Kind::force_action, 2, 0.0, Action::hoard}});
  const json first = failure_explanation_json(explained(r, 53));
  CHECK(failure_explanation_json(explained(r, 53)) == first);
  CHECK(first["sentences"].size() >= 2);

  auto session = Session::create({{"scenario", "liquidity_freeze"}, {"seed", 3002}});
  REQUIRE(session.ok());
  for (int t = 0; t < 20; ++t) {
    if (t == 10) REQUIRE(session->control("force_action", {{"bank", 2}, {"action", "HOARD"}}).ok());
    REQUIRE(session->control("step", json::object()).ok());
  }
  REQUIRE(session->applied_controls().size() == 1);
  CHECK(session->applied_controls().front().step == 11);
  auto answer = session->why({{"bank", 53}});
  REQUIRE(answer.ok());
  CHECK(*answer == first);
}

TEST_CASE("a session's recipe replays it and a reset forgets the controls", "[why]") {
  auto session = Session::create({{"scenario", "core_default"}, {"seed", 3004}});
  REQUIRE(session.ok());
  REQUIRE(session->control("step", json::object()).ok());
  REQUIRE(session->control("inject_liquidity", {{"bank", 5}, {"amount", 10}}).ok());
  REQUIRE(session->control("price_shock", {{"share", 0.05}}).ok());
  CHECK_FALSE(session->control("force_default", {{"bank", 999}}).ok());  // refused: not recorded
  REQUIRE(session->control("step", json::object()).ok());
  const RunRecipe r = session->recipe();
  CHECK(r.steps == 2);
  CHECK(r.seed == 3004);
  REQUIRE(r.controls.size() == 2);
  CHECK(r.controls[0].step == 2);
  CHECK(r.controls[0].intervention.kind == Intervention::Kind::inject_liquidity);
  CHECK(r.controls[1].intervention.kind == Intervention::Kind::price_shock);
  auto replay = start_run(r);
  REQUIRE(replay.ok());
  for (int step = 1; step <= r.steps; ++step) {
    queue_controls(*replay, r, step);
    replay->step();
  }
  CHECK(replay->bank(5).central_bank_funding == session->simulation().bank(5).central_bank_funding);
  CHECK(replay->price() == session->simulation().price());
  REQUIRE(session->control("reset", json::object()).ok());
  CHECK(session->applied_controls().empty());
}

TEST_CASE("a bank touched by more causes than are replayed one by one is explained with its causes in groups", "[why]") {
  // A failed core bank of a 400-bank freeze: 76 candidate causes, most of them recalls and called loans.
  RunRecipe large = recipe("liquidity_freeze", 3000, 60);
  large.config.banks = 400;
  const FailureExplanation x = explained(large, 10);
  CHECK(x.grouped);
  CHECK(x.causes.size() <= static_cast<std::size_t>(kMaxFailureCauses));
  const FailureCause* recalls = find_cause(x, CauseKind::recall);
  REQUIRE(recalls != nullptr);
  CHECK(recalls->bank == -1);
  CHECK(recalls->banks.size() > 10);
  CHECK(std::is_sorted(recalls->banks.begin(), recalls->banks.end()));
  CHECK(recalls->necessary());
  CHECK(says(x, "are each weighed as one group"));
}

TEST_CASE("a bound on an explanation's whole work weighs its causes in groups, and refuses when it runs out", "[why]") {
  // Seed 3002's bank 44 (above) fails at step 12 of 200 after banks 4 and 17 recalled: grouping merges
  // their recalls into one cause.
  const RunRecipe r = recipe("liquidity_freeze", 3002);
  const long long per_replay = static_cast<long long>(r.config.banks) * r.steps;
  const FailureExplanation whole = explained(r, 44);
  REQUIRE_FALSE(whole.grouped);
  const long long every_replay_to_the_end = explanation_replays(whole.causes.size()) * per_replay;

  auto at_bound = explain_failure(r, 44, every_replay_to_the_end);
  REQUIRE(at_bound.ok());
  CHECK(failure_explanation_json(*at_bound) == failure_explanation_json(whole));

  // Below it the causes are weighed in groups: fewer replays, which fit.
  auto below = explain_failure(r, 44, every_replay_to_the_end - 1);
  REQUIRE(below.ok());
  CHECK(below->grouped);
  CHECK(below->causes.size() < whole.causes.size());
  const FailureCause* recalls = find_cause(*below, CauseKind::recall);
  REQUIRE(recalls != nullptr);
  CHECK(recalls->banks == std::vector<int>{4, 17});
  auto again = explain_failure(r, 44, every_replay_to_the_end - 1);
  REQUIRE(again.ok());
  CHECK(failure_explanation_json(*again) == failure_explanation_json(*below));

  // The baseline alone simulates 100 banks over 12 steps: a bound of that runs out at the first replay,
  // one below it in the baseline.
  for (const long long bound : {1200LL, 1199LL, 1LL}) {
    auto refused = explain_failure(r, 44, bound);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "analysis_too_large");
    CHECK(refused.error().message.find("finsim why") != std::string::npos);
  }
  CHECK(explanation_replays(0) == 2);
  CHECK(explanation_replays(1) == 2);
  CHECK(explanation_replays(32) == 66);
}

TEST_CASE("the bounds of a shared place: a run above run_bank_steps is refused before any replay, work as bounded", "[why]") {
  RunRecipe r = recipe("core_default", 42, 12);
  REQUIRE(r.config.banks == 100);
  // 100 banks over 12 steps is 1,200 banks × steps: at the bound it is explained, one below it refused.
  CHECK(check_explanation_bound(r, ExplanationBounds{1200, 2'000'000}).ok());
  const Status above = check_explanation_bound(r, ExplanationBounds{1199, 2'000'000});
  REQUIRE_FALSE(above.ok());
  CHECK(above.error().code == "analysis_too_large");
  CHECK(above.error().message.find("100 banks over 12 steps") != std::string::npos);
  auto refused = explain_failure_bounded(r, 92, ExplanationBounds{1199, 2'000'000});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "analysis_too_large");
  // Within both, the same answer as explain_failure with the work bound; the defaults are the server's.
  auto bounded = explain_failure_bounded(r, 92);
  auto direct = explain_failure(r, 92, ExplanationBounds{}.work_bank_steps);
  REQUIRE(bounded.ok());
  REQUIRE(direct.ok());
  CHECK(failure_explanation_json(*bounded) == failure_explanation_json(*direct));
  CHECK(ExplanationBounds{}.run_bank_steps == 200'000);
  CHECK(ExplanationBounds{}.work_bank_steps == 2'000'000);
}

TEST_CASE("what cannot be explained is refused with its reason", "[why]") {
  CHECK(explain_failure(recipe("calm", 3000, 30), 100).error().code == "unknown_bank");
  CHECK(explain_failure(recipe("calm", 3000, 30), -1).error().code == "unknown_bank");
  CHECK(explain_failure(recipe("calm", 3000, 30), 5).error().code == "bank_not_failed");
  CHECK(explain_failure(recipe("calm", 3000, 0), 5).error().code == "out_of_range");
  // Interventions are not grouped: 33 of them before the failure are more than are replayed.
  RunRecipe busy = recipe("calm", 3001, 60);
  for (int k = 0; k < 32; ++k) busy.controls.push_back({1 + k / 2, {Intervention::Kind::price_shock, -1, 0.001, Action::hold}});
  busy.controls.push_back({20, {Intervention::Kind::force_default, 17, 0.0, Action::hold}});
  CHECK(explain_failure(busy, 17).error().code == "too_many_causes");

  auto session = Session::create({{"scenario", "core_default"}, {"seed", 3000}});
  REQUIRE(session.ok());
  CHECK(session->why({{"bank", 2}}).error().code == "bank_not_failed");  // nothing has happened yet
  CHECK(session->why({{"bank", 100}}).error().code == "unknown_bank");
  CHECK(session->why({{"bank", "two"}}).error().code == "bad_request");
  CHECK(session->why({{"bank", 2}, {"step", 3}}).error().code == "bad_request");
  CHECK(session->why(json::array()).error().code == "bad_request");
}

TEST_CASE("a session's failure question is why's checks and recipe, so explaining it gives why's answer", "[why]") {
  auto session = Session::create({{"scenario", "core_default"}, {"seed", 3001}});
  REQUIRE(session.ok());
  CHECK(session->failure_question({{"bank", 2}}).error().code == "bank_not_failed");
  for (int t = 0; t < 30; ++t) REQUIRE(session->control("step", json::object()).ok());
  CHECK(session->failure_question({{"bank", 100}}).error().code == "unknown_bank");
  CHECK(session->failure_question({{"bank", "two"}}).error().code == "bad_request");
  int failed = -1;
  for (int b = 0; b < session->simulation().banks() && failed < 0; ++b)
    if (session->simulation().bank(b).defaulted) failed = b;
  REQUIRE(failed >= 0);
  auto question = session->failure_question({{"bank", failed}});
  REQUIRE(question.ok());
  CHECK(question->bank == failed);
  CHECK(question->recipe.steps == 30);
  CHECK(failure_explanation_json(explained(question->recipe, question->bank)) == session->why({{"bank", failed}}).value());
}
