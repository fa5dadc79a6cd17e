// The brief's lessons as counterfactual experiments (docs/lessons.md).
//
// Every causal claim FinSim makes is a paired experiment: two worlds with the same seed, identical but
// for one difference (a policy, a modifier, an intervention, a parameter, the scenario's shock). One
// sample is the difference of a measure between the two worlds on one seed; `finsim lessons` takes the
// mean and its 95 % interval over held-out seeds and checks the interval against the lesson's target.
// The lessons that are statements about the whole evaluation grid (the equilibrium score ranks system
// health) are computed by `finsim lessons` from the grid's runs and listed here for their wording.
// Pure and single-threaded: the caller runs seeds in parallel.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "finsim/result.hpp"

namespace finsim {

/// How a lesson's estimate is judged: its whole 95 % interval at or above (at_least) or at or below
/// (at_most) the target.
enum class LessonCheck : std::uint8_t { at_least, at_most };

/// Where a lesson's samples come from: paired runs per seed (lesson_sample), or the evaluation grid.
enum class LessonSource : std::uint8_t { paired_runs, evaluation_grid };

struct LessonSpec {
  std::string_view id;       ///< e.g. "freeze_hoarding"
  std::string_view lesson;   ///< which lesson of the brief it backs, in a few words
  std::string_view claim;    ///< the sentence FinSim says, which the experiment must support
  std::string_view measure;  ///< what one sample is
  double target = 0.0;
  LessonCheck check = LessonCheck::at_least;
  LessonSource source = LessonSource::paired_runs;
};

/// Every lesson, in the order of docs/lessons.md.
std::span<const LessonSpec> lesson_specs();

/// The lesson `id`, or nullptr.
const LessonSpec* find_lesson(std::string_view id);

/// Steps every paired run lasts: default rates are read at step 200.
inline constexpr int kLessonSteps = 200;

/// One paired sample of a paired_runs lesson on `seed`. Errors: unknown_lesson, not_paired (a grid lesson).
Result<double> lesson_sample(std::string_view id, std::uint64_t seed);

}  // namespace finsim
