// The Monte Carlo of the return path (docs/portfolio.md, "The Monte Carlo of the return path"): the
// server's stationary bootstrap of the portfolio's daily returns — the fan of the cumulative return
// (5–95 % and 25–75 % bands, the median), and the distributions of the final return, the NAV and the
// deepest drawdown. Every figure is the server's.
import { Area, ComposedChart, CartesianGrid, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS, ChartBox, GRID, TOOLTIP } from './charts.jsx';
import { DataTable } from './DataTable.jsx';
import { formatMoney, formatShare, formatSignedShare } from '../../format.js';

/** Fan rows for the chart: the bands as [low, high] pairs (Recharts draws a range area from them). */
export function fanRows(fan) {
  return [{ period: 0, outer: [0, 0], inner: [0, 0], p50: 0 },
    ...fan.map((f) => ({ period: f.period, outer: [f.p5, f.p95], inner: [f.p25, f.p75], p50: f.p50 }))];
}

const LEVELS = [['p5', '5 %'], ['p25', '25 %'], ['p50', 'median'], ['p75', '75 %'], ['p95', '95 %']];

export function monteCarloRows(mc) {
  return [
    { what: 'Return at the end', ...Object.fromEntries(LEVELS.map(([k]) => [k, formatSignedShare(mc.final_return[k])])) },
    { what: 'Net worth at the end', ...Object.fromEntries(LEVELS.map(([k]) => [k, formatMoney(mc.final_nav[k])])) },
    { what: 'Deepest drawdown', ...Object.fromEntries(LEVELS.map(([k]) => [k, formatSignedShare(mc.max_drawdown[k])])) },
  ];
}

const columns = [{ key: 'what', label: '' }, ...LEVELS.map(([key, label]) => ({ key, label, numeric: true }))];

export function MonteCarlo({ mc }) {
  return (
    <>
      <p className="muted small" data-testid="mc-summary">
        {mc.paths.toLocaleString('en-US')} paths of {mc.horizon} days, the {mc.sample} daily returns resampled in blocks of
        about {mc.block} days (seed {mc.seed}): a loss in <b data-testid="mc-loss">{formatShare(mc.probability_of_loss, 1)}</b> of
        them, {formatSignedShare(mc.mean_final_return)} on average.
      </p>
      <ChartBox height={220} testid="mc-fan">
        <ComposedChart data={fanRows(mc.fan)} margin={{ left: 4, right: 12 }}>
          <CartesianGrid {...GRID} />
          <XAxis dataKey="period" type="number" domain={[0, mc.horizon]} {...AXIS} tickFormatter={(v) => `${v} d`} />
          <YAxis {...AXIS} width={60} tickFormatter={(v) => formatSignedShare(v, 0)} />
          <Tooltip {...TOOLTIP} formatter={(v, name) => [Array.isArray(v) ? v.map((x) => formatSignedShare(x)).join(' … ') : formatSignedShare(v), name]}
            labelFormatter={(v) => `day ${v}`} />
          <Area dataKey="outer" name="5–95 %" stroke="none" fill="#38bdf8" fillOpacity={0.15} isAnimationActive={false} />
          <Area dataKey="inner" name="25–75 %" stroke="none" fill="#38bdf8" fillOpacity={0.3} isAnimationActive={false} />
          <Line dataKey="p50" name="median" stroke="#38bdf8" dot={false} strokeWidth={2} isAnimationActive={false} />
        </ComposedChart>
      </ChartBox>
      <DataTable columns={columns} rows={monteCarloRows(mc)} rowKey={(r) => r.what} csvName={`monte-carlo-${mc.portfolio_id}`} testid="mc-table" />
    </>
  );
}
