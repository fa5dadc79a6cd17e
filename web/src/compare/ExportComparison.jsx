// Export CSV of a comparison: both worlds' metric series in one file (export/csv.js, comparisonCsv),
// read from the worlds' lockstep views at the click (the drawn series may lag a fast run), each row
// named by its world's letter, its name on the page and its policy.
import { comparisonCsv, csvFileName, downloadCsv } from '../export/csv.js';

export function comparisonExport(worlds, labels) {
  const states = worlds.map((w) => w.view.store.getState());
  const text = comparisonCsv(states.map((s, i) => ({
    world: 'AB'[i], run: labels['ab'[i]], policy: s.status?.policy ?? '', series: s.series,
  })));
  return { name: csvFileName(states[0].status ?? {}, { compare: true }), text };
}

export function ExportComparison({ worlds, labels }) {
  const save = () => {
    const { name, text } = comparisonExport(worlds, labels);
    downloadCsv(name, text);
  };
  return (
    <button type="button" className="export" data-testid="compare-export-csv" onClick={save}
      title="Both worlds' metric series, one row per world and step">Export CSV</button>
  );
}
