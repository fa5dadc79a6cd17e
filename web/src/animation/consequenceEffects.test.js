import { describe, expect, it } from 'vitest';
import { MARK_COLOURS, MARK_DURATIONS, withdrawalEffect } from './consequenceEffects.js';

// A 2D context that records the path it is given and what it stroked with.
function recordingContext() {
  const calls = { moveTo: [], lineTo: [], strokes: [] };
  const ctx = {
    globalAlpha: 1, strokeStyle: null, lineWidth: 1,
    beginPath() {}, moveTo(x, y) { calls.moveTo.push([x, y]); }, lineTo(x, y) { calls.lineTo.push([x, y]); },
    stroke() { calls.strokes.push({ colour: this.strokeStyle, alpha: this.globalAlpha }); },
  };
  return { ctx, calls };
}

describe('deposits leaving a bank', () => {
  it('streams ticks outward from each bank in one coloured stroke over a dark one: blue for a run, white for the shock', () => {
    const banks = [{ at: { x: 0, y: 0 }, radius: 10 }, { at: { x: 100, y: 0 }, radius: 6 }];
    const run = recordingContext();
    withdrawalEffect({ banks, kind: 'run' }).draw(run.ctx, 0.1);
    expect(run.calls.moveTo).toHaveLength(32);  // 8 ticks a bank, over a dark edge
    expect(run.calls.strokes.map((s) => s.colour)).toEqual(['#020617', MARK_COLOURS.run]);
    // Each tick starts outside the bank's rim and points away from its centre.
    const [x0, y0] = run.calls.moveTo[0];
    const [x1, y1] = run.calls.lineTo[0];
    expect(Math.hypot(x0, y0)).toBeGreaterThan(10);
    expect(Math.hypot(x1, y1)).toBeGreaterThan(Math.hypot(x0, y0));
    // Later in the wave the ticks are further out.
    const later = recordingContext();
    withdrawalEffect({ banks, kind: 'run' }).draw(later.ctx, 0.4);
    expect(Math.hypot(...later.calls.moveTo[0])).toBeGreaterThan(Math.hypot(x0, y0));

    const shock = recordingContext();
    withdrawalEffect({ banks, kind: 'shock' }).draw(shock.ctx, 0.1);
    expect(shock.calls.strokes[1].colour).toBe(MARK_COLOURS.shock);
    expect(withdrawalEffect({ banks, kind: 'shock' }).duration).toBe(MARK_DURATIONS.withdrawal);
  });

  it('draws nothing for no banks, and nothing once faded', () => {
    const none = recordingContext();
    withdrawalEffect({ banks: [], kind: 'run' }).draw(none.ctx, 0.2);
    const faded = recordingContext();
    withdrawalEffect({ banks: [{ at: { x: 0, y: 0 }, radius: 5 }], kind: 'run' }).draw(faded.ctx, 1);
    expect(none.calls.strokes).toEqual([]);
    expect(faded.calls.strokes).toEqual([]);
  });
});
