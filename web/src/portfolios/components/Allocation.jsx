// An allocation (the server's slices: name, value, weight as a share of NAV) as a donut with its legend.
import { Cell, Pie, PieChart, Tooltip } from 'recharts';
import { ChartBox, TOOLTIP, sliceColour } from './charts.jsx';
import { formatMoney, formatShare } from '../../format.js';
import { humanName } from '../../format.js';
import { EmptyState } from './QueryView.jsx';

export function AllocationDonut({ slices, testid, height = 200 }) {
  const shown = (slices ?? []).filter((s) => typeof s.weight === 'number' && s.weight > 0);
  if (!shown.length) return <EmptyState>No allocation yet.</EmptyState>;
  return (
    <div className="pf-allocation" data-testid={testid}>
      <ChartBox height={height}>
        <PieChart>
          <Pie data={shown} dataKey="weight" nameKey="name" innerRadius="55%" outerRadius="85%" stroke="#0f1626" isAnimationActive={false}>
            {shown.map((s, i) => <Cell key={s.name} fill={sliceColour(s.name, i)} />)}
          </Pie>
          <Tooltip {...TOOLTIP} formatter={(v, name, item) => [`${formatShare(v)} · ${formatMoney(item.payload.value)}`, humanName(name)]} />
        </PieChart>
      </ChartBox>
      <ul className="pf-legend">
        {shown.map((s, i) => (
          <li key={s.name}><i style={{ background: sliceColour(s.name, i) }} />{humanName(s.name)} <b>{formatShare(s.weight)}</b></li>
        ))}
      </ul>
    </div>
  );
}
