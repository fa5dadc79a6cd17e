// The brief's lessons as prepared comparisons (docs/lessons.md; engine/include/finsim/lessons.hpp names
// the same contrasts as experiments that `finsim lessons` checks over held-out seeds). Each opens both
// worlds paused at step 9, the step before every scenario's shock, on the default seed 42 (not chosen:
// the contrast shows on it as on the experiments' seeds). Words only: what to watch, never a figure —
// the figures come from the engines, in the difference's narration.
import { parseDifference } from './compareSpec.js';

/** The step lessons open at: one before the scenarios' shock (every scenario shocks at step 10). */
export const LESSON_START_STEP = 9;

const LESSONS = [
  {
    id: 'local_hoarding',
    title: 'One bank’s decision reaches its neighbours',
    run: { scenario: 'calm', seed: 42, policy: 'heuristic' },
    compare: 'force_action:3:HOARD@20',
    labels: { a: 'Nobody hoards', b: 'Bank 3 hoards at step 20' },
    watch: 'A calm system, twice. At step 20, in world B only, Bank 3, the largest core bank, hoards: it recalls '
      + 'part of every loan it has made and stops rolling the rest over. Watch the small banks it lends to: in the '
      + 'steps that follow several of them glow with stress as they scramble to repay, while banks with no loan '
      + 'from it stay as calm as everyone in world A. A local decision is felt first, and most, by the banks '
      + 'linked to the one who made it.',
  },
  {
    id: 'propagation',
    title: 'A failure travels along exposures',
    run: { scenario: 'core_default', seed: 42, policy: 'heuristic' },
    compare: 'param:shock_defaults=0',
    labels: { a: 'A core bank fails at step 10', b: 'No bank fails' },
    watch: 'The same network and the same rule-based banks; in world A the largest core bank fails at step 10, '
      + 'in world B it does not. Watch where the glow of stress appears first in world A: on the banks that had '
      + 'loans to or from the failed bank — its creditors lose part of their claims (marked pink), its borrowers '
      + 'must repay its administrator at once (marked cyan) — far more than on banks with no link to it. Then watch some of those neighbours '
      + 'go grey: risk travels along the links.',
  },
  {
    id: 'lender_of_last_resort',
    title: 'A lender of last resort',
    run: { scenario: 'liquidity_freeze', seed: 42, policy: 'heuristic', lender_of_last_resort: 0 },
    compare: 'param:lender_of_last_resort=1',
    labels: { a: 'No lender of last resort', b: 'With a lender of last resort' },
    watch: 'The same freeze and the same rule-based banks; in world B a central bank lends to solvent banks '
      + 'short of cash, against collateral, at a penalty rate (Bagehot 1873). Watch the banks that go grey in '
      + 'world A for want of cash, not of capital: in world B they borrow instead of selling or failing.',
  },
  {
    id: 'freeze_hoarding',
    title: 'Hoarding freezes a system',
    run: { scenario: 'liquidity_freeze', seed: 42, policy: 'all_hoard' },
    compare: 'policy:all_lend',
    labels: { a: 'When banks hoard', b: 'When banks keep lending' },
    watch: 'At step 10 depositors pull their money out of most small banks (white ticks stream out of the banks '
      + 'the shock hits) and it flees to the big core banks. '
      + 'The cash is still in the system, at the centre. In world A the core banks hoard it: watch the loans to '
      + 'the periphery thin out, the small banks turn red, their own depositors run (blue ticks) and they grey out '
      + 'one after another. In world B the same core banks lend it on, and most of the periphery survives the same shock.',
  },
  {
    id: 'freeze_story',
    title: 'The rule-based banks’ own hoarding',
    run: { scenario: 'liquidity_freeze', seed: 42, policy: 'heuristic' },
    compare: 'policy:heuristic+no_hoard',
    labels: { a: 'Rule-based banks', b: 'The same banks, never hoarding' },
    watch: 'Both worlds run the rule-based banks; in world B they may do everything except hoard (they hold '
      + 'instead). Watch the hoarding rings around the core after step 10 in world A, and how many more banks '
      + 'fail there: the freeze’s defaults are driven by the banks’ own defensive hoarding, not by the run alone.',
  },
  {
    id: 'spiral_fire_sales',
    title: 'Fire sales spiral',
    run: { scenario: 'fire_sale_spiral', seed: 42, policy: 'all_fire_sale' },
    compare: 'policy:all_hold',
    labels: { a: 'When stressed banks sell', b: 'When stressed banks hold' },
    watch: 'At step 10 the price of the securities every bank holds drops 12 %. In world A each bank under '
      + 'stress sells: every sale lowers the price for everyone, which stresses the next bank, which sells. Watch '
      + 'the price line fall away and the ripples spread across the whole graph. In world B the banks hold '
      + 'on and the same shock passes.',
  },
  {
    id: 'equilibrium',
    title: 'Still is not stable',
    run: { scenario: 'liquidity_freeze', seed: 42, policy: 'all_hoard' },
    compare: 'policy:all_lend',
    labels: { a: 'When banks hoard', b: 'When banks keep lending' },
    watch: 'The freeze of the hoarding lesson, watched for its end. By step 30 both worlds have gone quiet: few '
      + 'loans move, the price settles. But world A is quiet because many of its banks are gone, and world B '
      + 'because its banks settled with their funding in place. Watch the equilibrium score in the chart below: '
      + 'it is stillness weighted by the share of banks still standing, so it stays low for world A however still '
      + 'it is, '
      + 'and recovers for world B. And watch liquidity: the obligations of failed banks still count as '
      + 'uncovered, so world A’s never returns to 100 %.',
  },
  {
    id: 'dial_core_default',
    title: 'Selfish against cooperative banks',
    run: { scenario: 'core_default', seed: 42, policy: 'mappo-selfish' },
    compare: 'policy:mappo-cooperative',
    labels: { a: 'Selfish learned banks', b: 'Cooperative learned banks' },
    watch: 'Both worlds run banks that learned by reinforcement; they differ only in how much the system’s '
      + 'health counted in their reward. At step 10 a large core bank fails and its borrowers must repay its '
      + 'administrator at once (their loans marked cyan). Watch what the other banks do for them: the cooperative banks in world B lend '
      + 'to them, the selfish ones in world A hold or recall, and more of the failed bank’s borrowers go grey.',
  },
];

/** Every lesson, numbered from 1 as `?lesson=N` names them: [{n, id, title, run, difference, labels, watch}]. */
export const LESSON_LIST = Object.freeze(LESSONS.map((l, i) => Object.freeze({
  n: i + 1, id: l.id, title: l.title, run: l.run, difference: parseDifference(l.compare), labels: l.labels, watch: l.watch,
})));

/** The lesson `?lesson=` names (a number from 1, or a lesson's id), or null. */
export function findLesson(text) {
  if (text === null || text === undefined) return null;
  const n = /^\d+$/.test(text) ? Number(text) : null;
  return LESSON_LIST.find((l) => l.n === n || l.id === text) ?? null;
}

/** The `?lesson=` of the address: {lesson} when it names one, {rejected: text} when not, {} when absent. */
export function parseLessonParam(search) {
  const text = new URLSearchParams(search).get('lesson');
  if (text === null) return {};
  const lesson = findLesson(text);
  return lesson ? { lesson } : { rejected: text };
}
