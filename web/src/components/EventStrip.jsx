// The run at a glance: one column per step, stacked by event type (lending green, hoarding amber,
// fire sales orange, price drops and defaults red), so calm and crisis look different without reading.
import { memo, useDeferredValue } from 'react';
import { useSimulation } from '../store/simulationStore.js';

const TYPES = [['LEND', '#34d399'], ['HOARD', '#fbbf24'], ['FIRE_SALE', '#fb923c'], ['PRICE_DROP', '#f87171'], ['DEFAULT', '#ef4444']];
const STEPS = 120;
const H = 40;

export const EventStripChart = memo(function EventStripChart({ stepCounts, timestep }) {
  const last = Math.max(timestep ?? 0, stepCounts.length ? stepCounts[stepCounts.length - 1].timestep : 0);
  const first = Math.max(1, last - STEPS + 1);
  const shown = stepCounts.filter((c) => c.timestep >= first);
  const max = Math.max(4, ...shown.map((c) => TYPES.reduce((n, [type]) => n + (c[type] ?? 0), 0)));
  const w = 100 / STEPS;
  return (
    <svg className="event-strip" viewBox={`0 0 100 ${H}`} preserveAspectRatio="none" role="img"
      aria-label="Events per step" data-testid="event-strip">
      {shown.map((c) => {
        let y = H;
        return TYPES.map(([type, colour]) => {
          const n = c[type] ?? 0;
          if (!n) return null;
          const h = (n / max) * (H - 2);
          y -= h;
          return <rect key={`${c.timestep}-${type}`} x={(c.timestep - first) * w} y={y} width={w * 0.8} height={h} fill={colour} />;
        });
      })}
    </svg>
  );
});

export function EventStrip() {
  const stepCounts = useDeferredValue(useSimulation((s) => s.stepCounts));
  const timestep = useSimulation((s) => s.state?.timestep);
  return <EventStripChart stepCounts={stepCounts} timestep={timestep} />;
}
