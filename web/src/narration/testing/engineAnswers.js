// Real answers of the engine (failure_explanation_json, docs/why.md), captured with
//   build/release/cli/finsim why --scenario S --seed 42 --steps H --bank B --json
// for the narration's tests. The model has moved on since some were captured: the core_default h10 and
// h200 answers are today's byte for byte; the h15 and liquidity_freeze ones are an earlier model's (on
// today's seed 42 those banks fail at other steps), kept for the relations between banks they show. Their
// sentences follow the engine's wording change ("it would still be standing at step H"). The horizon H is the step the narration asks at while a run plays: the
// step of the failure. liquidity_freeze, seed 42, step 18: Banks 5, 21 and 66 fail, and the engine
// names Bank 5's failure among the causes of the other two. core_default, seed 42, step 10: Bank 2 is
// forced (the shock), and Banks 34 and 54 get the same causes and verdicts. core_default, seed 42, step
// 15: Banks 42, 43 and 51 fail, and the engine names Bank 51's failure among the causes of Bank 43.
import lf5 from './liquidity_freeze-42-h18-bank5.json';
import lf21 from './liquidity_freeze-42-h18-bank21.json';
import lf66 from './liquidity_freeze-42-h18-bank66.json';
import cd34 from './core_default-42-h10-bank34.json';
import cd54 from './core_default-42-h10-bank54.json';
import cd42 from './core_default-42-h15-bank42.json';
import cd43 from './core_default-42-h15-bank43.json';
import cd51 from './core_default-42-h15-bank51.json';
import cd34h200 from './core_default-42-h200-bank34.json';

export const liquidityFreezeStep18 = new Map([[5, lf5], [21, lf21], [66, lf66]]);
export const coreDefaultStep10 = new Map([[34, cd34], [54, cd54]]);
export const coreDefaultStep15 = new Map([[42, cd42], [43, cd43], [51, cd51]]);
/** Bank 34 of core_default judged at step 200 (the run played to its end), not at step 10. */
export const coreDefaultBank34AtStep200 = cd34h200;
