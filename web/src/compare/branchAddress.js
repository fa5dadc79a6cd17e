// A branch opened in Compare (history/branch.js: "Branch from here" → "Compare with the original"): the
// address of the comparison the branch is. World A is the run on screen, world B the same run with the
// branch's one change acting in step K + 1, both opened at step K (`from=K`) and paused, so the two play
// on from the branch point side by side and the whole comparison is in the address. The run's own
// interventions, before and after K, are in it too (`at=`, url/runControls.js): both worlds have them.
// Pure.
import { formatDifference, parseDifference } from './compareSpec.js';
import { comparisonSearch } from './compareAddress.js';
import { formatRunControls } from '../url/runControls.js';

/**
 * {search} — the address (a search string) of the comparison for `comparison` (branchComparison()'s
 * result) from the page's `search` (its view options are kept) — or {refused: sentence} when the address
 * cannot hold it: one of the run's own interventions cannot be written in an address, or the change is
 * not one a comparison can carry.
 */
export function branchAddress(search, comparison) {
  const { original, change, actsIn, step } = comparison;
  const { at = [], to_step: _to, ...setting } = original.config;
  if (at.length && formatRunControls(at) === null) {
    return { refused: 'Compare cannot write one of this run’s own interventions in its address, so it cannot open this branch. '
      + 'Use “Run on from here” instead.' };
  }
  const difference = parseDifference(formatDifferenceOrNull({ kind: 'intervention', ...change, step: actsIn }));
  if (!difference) return { refused: 'Compare cannot carry this change in its address. Use “Run on from here” instead.' };
  const q = new URLSearchParams(comparisonSearch(search, { ...setting, at }, difference));
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
