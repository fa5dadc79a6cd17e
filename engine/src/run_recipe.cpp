// Replaying a run from its recipe (run_recipe.hpp).
#include "finsim/run_recipe.hpp"

namespace finsim {

Result<Simulation> start_run(const RunRecipe& recipe) {
  if (!recipe.policy) return Simulation::create(recipe.config, recipe.seed);
  return Simulation::create(recipe.config, recipe.seed, recipe.policy());
}

std::vector<int> queue_controls(Simulation& sim, const RunRecipe& recipe, int step, std::span<const std::uint8_t> removed) {
  std::vector<int> queued;
  for (std::size_t k = 0; k < recipe.controls.size(); ++k) {
    if (recipe.controls[k].step != step || (k < removed.size() && removed[k])) continue;
    if (sim.intervene(recipe.controls[k].intervention).ok()) queued.push_back(static_cast<int>(k));
  }
  return queued;
}

Result<Simulation> replay_run(const RunRecipe& recipe, std::vector<int>* applied) {
  auto sim = start_run(recipe);
  if (!sim.ok()) return sim.error();
  for (int step = 1; step <= recipe.steps + 1; ++step) {
    const std::vector<int> queued = queue_controls(*sim, recipe, step);
    if (applied) applied->insert(applied->end(), queued.begin(), queued.end());
    if (step <= recipe.steps) sim->step();
  }
  return sim;
}

}  // namespace finsim
