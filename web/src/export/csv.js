// CSV export of the metric series exactly as the engine sent them (one row per METRICS_UPDATE).
export const CSV_COLUMNS = ['timestep', 'liquidity', 'default_rate', 'equilibrium_score', 'asset_price', 'price_change',
  'active_banks', 'defaulted_banks', 'new_defaults', 'default_waves', 'total_equity', 'interbank_exposure'];

function cell(v) {
  if (v === undefined || v === null) return '';
  const text = String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function metricsCsv(series, columns = CSV_COLUMNS) {
  const lines = [columns.join(',')];
  for (const m of series) lines.push(columns.map((c) => cell(m[c])).join(','));
  return `${lines.join('\n')}\n`;
}

export function csvFileName({ scenario = 'run', seed = '', policy = '' } = {}) {
  return `finsim-${scenario}-seed${seed}-${policy}.csv`.replace(/[^A-Za-z0-9_.-]/g, '_');
}
