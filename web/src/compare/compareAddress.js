// What the page's address asks of the Compare view (pure): a comparison (`compare=`), a lesson
// (`lesson=N`, which names its own run and difference), or neither; and the addresses of the
// Compare view's links (back to one world, to a lesson, to a comparison of the run on screen).
import { parseUrlState, formatUrlState, SIM_KEYS } from '../url/urlState.js';
import { compareSearch, MAX_STEP, parseCompareParam, wholeNumber } from './compareSpec.js';
import { parseLessonParam } from './lessons.js';

const VALID_FORMS = 'policy:NAME, param:NAME=VALUE, force_default:BANK@STEP, force_action:BANK:ACTION@STEP, '
  + 'inject_liquidity:BANK:AMOUNT@STEP, price_shock:SHARE@STEP or policy:NAME@STEP';

// `from=K`: both worlds open run to step K and paused (a branch at K opens so: history/branch.js); null
// when absent or not a whole number.
function startStepParam(search) {
  return wholeNumber(new URLSearchParams(search).get('from'), 0, MAX_STEP) ?? null;
}

/**
 * {mode:'compare', params, difference, lesson, startStep} when the address names a comparison or a lesson (a lesson
 * wins: its run replaces the address's run settings, the view options stay), else {mode:'single',
 * notice} with a sentence when `compare=` or `lesson=` was given but cannot be honoured (null otherwise).
 */
export function readComparison(search) {
  const params = parseUrlState(search);
  const lessonParam = parseLessonParam(search);
  if (lessonParam.lesson) {
    const run = {};
    for (const key of SIM_KEYS) if (key !== 'speed') run[key] = undefined;
    return { mode: 'compare', params: { ...params, ...run, ...lessonParam.lesson.run, rejected: {} },
      difference: lessonParam.lesson.difference, lesson: lessonParam.lesson, startStep: null };
  }
  const compareParam = parseCompareParam(search);
  if (compareParam.difference) {
    return { mode: 'compare', params, difference: compareParam.difference, lesson: null, startStep: startStepParam(search) };
  }
  let notice = null;
  if (lessonParam.rejected !== undefined) {
    notice = `“lesson=${lessonParam.rejected}” in the address names no lesson: the page shows one world.`;
  } else if (compareParam.rejected !== undefined) {
    notice = `“compare=${compareParam.rejected}” in the address is not a comparison (${VALID_FORMS}): the page shows one world.`;
  }
  return { mode: 'single', notice };
}

/** The address of world A alone: the comparison (or the lesson, replaced by its run) taken away. */
export function singleWorldSearch(search, lesson = null) {
  const q = new URLSearchParams(search);
  q.delete('compare');
  q.delete('lesson');
  const text = lesson ? formatUrlState(`?${q}`, lesson.run) : `?${q}`;
  return text === '?' ? '' : text;
}

/** The address of lesson `n`, keeping only the view options (embed, fx, speed, autoplay, server, session, worker). */
export function lessonSearch(search, n) {
  const q = new URLSearchParams(search);
  for (const key of [...SIM_KEYS.filter((k) => k !== 'speed'), 'compare']) q.delete(key);
  q.set('lesson', String(n));
  return `?${q}`;
}

/** The address comparing the run `setting` (urlState.js SIM_KEYS) with `difference`. */
export function comparisonSearch(search, setting, difference) {
  const q = new URLSearchParams(search);
  q.delete('lesson');
  return compareSearch(formatUrlState(`?${q}`, setting), difference);
}
