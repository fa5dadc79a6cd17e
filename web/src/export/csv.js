// CSV export: the metric series exactly as the engine sent them (one row per METRICS_UPDATE), and any
// table of the portfolio views as the server answered it (raw values, not the formatted text).
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

export function csvFileName({ scenario = 'run', seed = '', policy = '' } = {}) {
  return `finsim-${scenario}-seed${seed}-${policy}.csv`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** Offers `text` as a CSV file download (browser only). */
export function downloadCsv(fileName, text) {
  downloadText(text, fileName.replace(/[^A-Za-z0-9_.-]/g, '_'), 'text/csv');
}
