// A branch opened in Compare (history/branch.js: "Branch from here" → "Compare with the original"): the
// address of the comparison the branch is. World A is the run on screen, world B the same run with the
// branch's one change acting in step K + 1, both opened at step K (`from=K`) and paused, so the two play
// on from the branch point side by side and the whole comparison is in the address. Pure.
import { formatDifference, parseDifference } from './compareSpec.js';
import { comparisonSearch } from './compareAddress.js';

/**
 * {search} — the address (a search string) of the comparison for `comparison` (branchComparison()'s
 * result) from the page's `search` (its view options are kept) — or {refused: sentence} when the address
 * cannot hold it: the original run had interventions of its own (an address names one run and one
 * difference), or the change is not one a comparison can carry.
 */
export function branchAddress(search, comparison) {
  const { original, originalLater, change, actsIn, step } = comparison;
  const earlier = original.config.at?.length ?? 0;
  const later = originalLater?.length ?? 0;
  if (earlier + later > 0) {
    return { refused: `Compare opens a branch of a run without interventions: its address names one run and one difference, `
      + `and this run has ${earlier + later} intervention${earlier + later === 1 ? '' : 's'} of its own. Use “Run on from here” instead.` };
  }
  const difference = parseDifference(formatDifferenceOrNull({ kind: 'intervention', ...change, step: actsIn }));
  if (!difference) return { refused: 'Compare cannot carry this change in its address. Use “Run on from here” instead.' };
  const { at: _at, to_step: _to, ...setting } = original.config;
  const q = new URLSearchParams(comparisonSearch(search, setting, difference));
  q.set('from', String(step));
  return { search: `?${q}` };
}

function formatDifferenceOrNull(d) {
  try {
    return formatDifference(d);
  } catch {
    return null;
  }
}
