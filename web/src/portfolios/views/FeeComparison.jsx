// Fee comparison: the portfolio's own trades replayed from its initial capital under other fee
// structures (the server's compare_fees): what each costs, the NAV paths, and fees against return.
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Scatter, ScatterChart, Symbols, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { useFeeComparison, useFeeStructures, usePortfolio } from '../api/queries.js';
import { EmptyState, QueryView } from '../components/QueryView.jsx';
import { DataTable } from '../components/DataTable.jsx';
import { Panel } from '../components/Stats.jsx';
import { CreateFeeStructure } from '../components/CreateFeeStructure.jsx';
import { AXIS, ChartBox, GRID, TOOLTIP, sliceColour } from '../components/charts.jsx';
import { mergeNavSeries } from './reshape.js';
import { formatMoney, formatNumber, formatSignedShare, signClass } from '../../format.js';

// Overlapping scenarios stay apart: each has its own marker (hollow, nested by size) and dash as well as
// its colour (fee structures that cost the same trades alike draw the same point and the same line).
const SHAPES = ['circle', 'diamond', 'square', 'triangle', 'cross', 'star', 'wye'];
// Hollow markers, each smaller than the one before: identical points nest instead of hiding each other.
const SIZES = [320, 230, 160, 110, 75, 50, 30];
const DASHES = ['', '6 3', '2 3', '10 4 2 4', '4 4', '1 2', '8 2'];
export const scenarioShape = (i) => SHAPES[i % SHAPES.length];
export const scenarioDash = (i) => DASHES[i % DASHES.length];

const scenarioColumns = (baseline) => [
  { key: 'schedule', label: 'Fee structure', render: (s) => <>{s.schedule}{s.schedule === baseline && <span className="badge">baseline</span>}</>, value: (s) => s.schedule },
  { key: 'total_fees', label: 'Total fees', numeric: true, format: formatMoney },
  { key: 'total_return', label: 'Return', numeric: true, format: (v) => formatSignedShare(v, 3), className: (s) => signClass(s.total_return) },
  { key: 'return_difference', label: 'Return vs baseline', numeric: true, format: (v) => formatSignedShare(v, 3), className: (s) => signClass(s.return_difference) },
  { key: 'final_nav', label: 'Final NAV', numeric: true, format: formatMoney },
  { key: 'nav_difference', label: 'NAV vs baseline', numeric: true, format: formatMoney, className: (s) => signClass(s.nav_difference) },
  { key: 'annual_return', label: 'Annual', numeric: true, format: (v) => formatSignedShare(v, 3) },
  { key: 'sharpe', label: 'Sharpe', numeric: true, format: formatNumber },
  { key: 'fills', label: 'Fills', numeric: true },
  { key: 'rejected', label: 'Rejected', numeric: true },
];

function StructurePicker({ chosen, onChange }) {
  const fees = useFeeStructures();
  const all = fees.data?.fee_structures ?? [];
  const toggle = (name) => onChange(chosen.includes(name) ? chosen.filter((n) => n !== name) : [...chosen, name]);
  return (
    <div className="pf-chips" data-testid="fee-picker">
      <span className="muted small">Compare with:</span>
      {all.map((f) => (
        <label key={f.id} className={`pf-chip ${chosen.includes(f.name) ? 'on' : ''}`}>
          <input type="checkbox" checked={chosen.includes(f.name)} onChange={() => toggle(f.name)} />{f.name}
        </label>
      ))}
      {chosen.length > 0 && <button type="button" className="link" onClick={() => onChange([])}>every built-in one</button>}
    </div>
  );
}

function Comparison({ c }) {
  const names = c.scenarios.map((s) => s.schedule);
  const navRows = mergeNavSeries(c.scenarios.map((s) => ({ name: s.schedule, nav: s.nav })));
  return (
    <div className="pf-grid">
      <Panel title="Scenarios" aside={`${c.trades} trades replayed from ${c.start} to ${c.end}`} className="wide">
        <DataTable columns={scenarioColumns(c.baseline)} rows={c.scenarios} rowKey={(s) => s.schedule} csvName={`fee-comparison-${c.portfolio_id}`} testid="fee-scenarios" />
      </Panel>
      <Panel title="Fees against return" aside="the trade-off: each dot a fee structure">
        <ChartBox height={240} testid="fee-tradeoff">
          <ScatterChart margin={{ left: 4, right: 24, top: 16 }}>
            <CartesianGrid {...GRID} vertical />
            <XAxis type="number" dataKey="total_fees" name="total fees" {...AXIS} tickFormatter={(v) => formatNumber(v, 0)} />
            <YAxis type="number" dataKey="total_return" name="return" {...AXIS} width={68} domain={['auto', 'auto']} tickFormatter={(v) => formatSignedShare(v, 3)} />
            <ZAxis range={[90, 90]} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Tooltip {...TOOLTIP} formatter={(v, name) => [name === 'return' ? formatSignedShare(v, 3) : formatMoney(v), name]} />
            {c.scenarios.map((s, i) => (
              <Scatter key={s.schedule} name={s.schedule} data={[s]} fill={sliceColour(s.schedule, i)} legendType={scenarioShape(i)}
                shape={(p) => <Symbols cx={p.cx} cy={p.cy} type={scenarioShape(i)} size={SIZES[i % SIZES.length]} fill="none"
                  stroke={sliceColour(s.schedule, i)} strokeWidth={2} />} isAnimationActive={false} />
            ))}
          </ScatterChart>
        </ChartBox>
      </Panel>
      <Panel title="NAV under each fee structure">
        {navRows.length < 2 ? <EmptyState>No history yet.</EmptyState> : (
          <ChartBox height={240} testid="fee-nav">
            <LineChart data={navRows} margin={{ left: 4, right: 12 }}>
              <CartesianGrid {...GRID} />
              <XAxis dataKey="date" {...AXIS} minTickGap={40} />
              <YAxis {...AXIS} width={72} domain={['auto', 'auto']} tickFormatter={(v) => formatNumber(v, 2)} />
              <Tooltip {...TOOLTIP} formatter={(v, name) => [formatMoney(v), name]} />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              {names.map((n, i) => <Line key={n} dataKey={n} stroke={sliceColour(n, i)} dot={false} strokeWidth={n === c.baseline ? 2.5 : 1.5}
                strokeDasharray={scenarioDash(i)} isAnimationActive={false} />)}
            </LineChart>
          </ChartBox>
        )}
      </Panel>
    </div>
  );
}

export function FeeComparison({ portfolioId }) {
  const [chosen, setChosen] = useState([]);
  const [creating, setCreating] = useState(false);
  const portfolio = usePortfolio(portfolioId);
  const comparison = useFeeComparison(portfolioId, chosen.length ? chosen : undefined);
  return (
    <>
      <div className="pf-title">
        <h1>Fees{portfolio.data ? ` · ${portfolio.data.name}` : ''}</h1>
        <button type="button" className="pf-button" onClick={() => setCreating(!creating)} data-testid="new-fee-structure">
          {creating ? 'Close the form' : 'New fee structure'}
        </button>
      </div>
      {creating && (
        <Panel title="New fee structure" aside="the engine's components, summed; rates in percent">
          <CreateFeeStructure onDone={(made) => setChosen((c) => [...new Set([...c, made.name])])} />
        </Panel>
      )}
      <StructurePicker chosen={chosen} onChange={setChosen} />
      <QueryView query={comparison} empty="No portfolio chosen: create one on the dashboard." isEmpty={(c) => !c.scenarios.length}>
        {(c) => <Comparison c={c} />}
      </QueryView>
    </>
  );
}
