// One figure per model as bars in the model's colour, labelled with the formatted value.
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS, ChartBox, GRID, TOOLTIP } from './charts.jsx';
import { modelColour, modelLabel } from '../modelColours.js';

/** `models`: [{model, …}]; `value(m)` reads the served figure; `format` writes it. */
export function MetricBars({ models, value, format, testid, height = 180 }) {
  return (
    <ChartBox height={height} testid={testid}>
      <BarChart data={models.map((m) => ({ model: m.model, value: value(m) }))} margin={{ left: 0, right: 8, top: 16 }}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="model" {...AXIS} tickFormatter={modelLabel} />
        <YAxis {...AXIS} width={56} tickFormatter={format} />
        <Tooltip {...TOOLTIP} formatter={(v) => [format(v)]} labelFormatter={modelLabel} />
        <Bar dataKey="value" isAnimationActive={false}>
          {models.map((m) => <Cell key={m.model} fill={modelColour(m.model)} />)}
          <LabelList dataKey="value" position="top" formatter={format} fill="#cbd5e1" fontSize={11} />
        </Bar>
      </BarChart>
    </ChartBox>
  );
}
