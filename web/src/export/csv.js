// CSV export: the metric series exactly as the engine sent them (one row per METRICS_UPDATE), a
// comparison's two series in one file, and any table of the portfolio views as the server answered it
// (raw values, not the formatted text).
import { downloadText } from './download.js';

export const CSV_COLUMNS = ['timestep', 'liquidity', 'default_rate', 'equilibrium_score', 'asset_price', 'price_change',
  'active_banks', 'defaulted_banks', 'new_defaults', 'default_waves', 'total_equity', 'interbank_exposure'];

function cell(v) {
  if (v === undefined || v === null) return '';
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as CSV. `columns`: keys, or {key, label, value?(row)} where value reads a nested field;
 * the header is the label (or the key).
 */
export function tableCsv(rows, columns) {
  const specs = columns.map((c) => (typeof c === 'string' ? { key: c } : c));
  const lines = [specs.map((c) => cell(c.label ?? c.key)).join(',')];
  for (const row of rows) lines.push(specs.map((c) => cell(c.value ? c.value(row) : row[c.key])).join(','));
  return `${lines.join('\n')}\n`;
}

export function metricsCsv(series, columns = CSV_COLUMNS) {
  return tableCsv(series, columns);
}

/**
 * A comparison's series in one long table: each world's rows up to the last step both reached (the
 * Compare view never shows a step one world has not reached), world A's first, each row led by the
 * world's letter, its name on the page (`label`: what it changes) and its policy. `worlds`:
 * [{world: 'A', label: 'Heuristic', policy: 'heuristic', series}].
 */
export function comparisonCsv(worlds, columns = CSV_COLUMNS) {
  const lastOf = (series) => (series.length ? series[series.length - 1].timestep : -1);
  const common = Math.min(...worlds.map((w) => lastOf(w.series)));
  const rows = worlds.flatMap(({ world, label, policy, series }) => series
    .filter((m) => m.timestep <= common)
    .map((m) => ({ ...m, world, label, policy })));
  return tableCsv(rows, ['world', 'label', 'policy', ...columns]);
}

/**
 * finsim-<scenario>-seed<seed>-<policy>.csv for a run; a comparison's adds world B's difference as its
 * address writes it (`versus`: "policy:heuristic+no_hoard" → -vs-policy_heuristic_no_hoard) and leads
 * with its lesson's number, so that each comparison's file has a name of its own.
 */
export function csvFileName({ scenario = 'run', seed = '', policy = '' } = {}, { versus = null, lesson = null } = {}) {
  const lead = lesson ? `lesson${lesson}-` : '';
  return `finsim-${lead}${scenario}-seed${seed}-${policy}${versus ? `-vs-${versus}` : ''}.csv`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** Offers `text` as a CSV file download (browser only). */
export function downloadCsv(fileName, text) {
  downloadText(text, fileName.replace(/[^A-Za-z0-9_.-]/g, '_'), 'text/csv');
}
