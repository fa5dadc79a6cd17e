// Export CSV of a comparison: both worlds' metric series in one file (export/csv.js, comparisonCsv),
// read from the worlds' lockstep views at the click (the drawn series may lag a fast run), each row
// named by its world's letter, its name on the page and its policy; the file named for world A's run,
// world B's difference and the lesson.
import { comparisonCsv, csvFileName, downloadCsv } from '../export/csv.js';
import { formatDifference } from './compareSpec.js';

export function comparisonExport({ worlds, labels, difference, lesson = null }) {
  const states = worlds.map((w) => w.view.store.getState());
  const text = comparisonCsv(states.map((s, i) => ({
    world: 'AB'[i], label: labels['ab'[i]], policy: s.status?.policy ?? '', series: s.series,
  })));
  return { name: csvFileName(states[0].status ?? {}, { versus: formatDifference(difference), lesson: lesson?.n ?? null }), text };
}

export function ExportComparison({ worlds, labels, difference, lesson }) {
  const save = () => {
    const { name, text } = comparisonExport({ worlds, labels, difference, lesson });
    downloadCsv(name, text);
  };
  return (
    <button type="button" className="export" data-testid="compare-export-csv" onClick={save}
      title="Both worlds' metric series, one row per world and step">Export CSV</button>
  );
}
