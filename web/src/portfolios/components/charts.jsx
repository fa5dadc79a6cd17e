// The charts' shared look (dark theme, the app's CSS colours) and the asset-class palette. Model
// colours live in modelColours.js; asset classes and sectors use colours that are not a model's.
import { ResponsiveContainer } from 'recharts';

export const AXIS = { stroke: '#8b9ab3', fontSize: 11, tickLine: false };
export const GRID = { stroke: '#223049', strokeDasharray: '3 3', vertical: false };
export const TOOLTIP = {
  contentStyle: { background: '#0f1626', border: '1px solid #223049', borderRadius: 8, fontSize: 12 },
  labelStyle: { color: '#e2e8f0' },
  itemStyle: { color: '#e2e8f0' },
  cursor: { fill: 'rgba(148, 163, 184, 0.08)' },
};

export const CLASS_COLOURS = { stock: '#22d3ee', crypto: '#f472b6', bond: '#facc15', commodity: '#fb7185', cash: '#64748b' };
const PALETTE = ['#22d3ee', '#f472b6', '#facc15', '#fb7185', '#2dd4bf', '#d6d3d1', '#fde047', '#67e8f9', '#fda4af', '#a5b4fc', '#5eead4', '#94a3b8'];

export function sliceColour(name, index) {
  return CLASS_COLOURS[name] ?? PALETTE[index % PALETTE.length];
}

/** A chart filling its panel's width at a fixed height (Recharts measures the box). */
export function ChartBox({ height = 220, children, testid }) {
  return (
    <div className="pf-chart" style={{ height }} data-testid={testid}>
      <ResponsiveContainer width="100%" height="100%" minWidth={0}>{children}</ResponsiveContainer>
    </div>
  );
}
