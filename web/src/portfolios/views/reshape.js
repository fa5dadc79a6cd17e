// Reshaping server series for Recharts (one object per x value). Pure data movement: every value
// is copied as served, none is derived.

/**
 * [{date, <field>: [{name, weight}]}] → {keys: names in first-seen order, rows: [{date, [name]: weight}]}
 * (a name absent on a date is absent from its row: the chart draws nothing there).
 */
export function pivotSlices(series, field) {
  const keys = [];
  const seen = new Set();
  const rows = (series ?? []).map((point) => {
    const row = { date: point.date };
    for (const slice of point[field] ?? []) {
      if (!seen.has(slice.name)) { seen.add(slice.name); keys.push(slice.name); }
      row[slice.name] = slice.weight;
    }
    return row;
  });
  return { keys, rows };
}

/** Several named NAV series ([{name, nav: [{date, nav}]}]) → rows [{date, [name]: nav}] by date. */
export function mergeNavSeries(series) {
  const byDate = new Map();
  for (const { name, nav } of series) {
    for (const point of nav ?? []) {
      if (!byDate.has(point.date)) byDate.set(point.date, { date: point.date });
      byDate.get(point.date)[name] = point.nav;
    }
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
