// What just happened, in plain words, from the events received (newest step first) and the deposits
// that left banks (from their steps' snapshots, drawn or skipped), the engine's
// explanation of why banks failed (narration/WhyTheyFailed.jsx), and the scenario's own story from
// the engine's catalogue. Scrubbed back, the steps up to the one on screen.
import { useDeferredValue, useMemo } from 'react';
import { useSimulation } from '../store/simulationStore.js';
import { recentNarrative } from '../narration/narrate.js';
import { WhyTheyFailed } from '../narration/WhyTheyFailed.jsx';

// Step t's nodes that deposits left (frameHistory.withdrawalsAt), for the narration's withdrawals.
function useNodesOf() {
  const frames = useSimulation((s) => s.frames);
  const newest = useSimulation((s) => s.state?.timestep);  // a step's snapshot lands after its events
  return useMemo(() => (t) => frames.withdrawalsAt(t), [frames, newest]);
}

export function Explanation({ count = 4 }) {
  const timeline = useDeferredValue(useSimulation((s) => s.replay?.recentEvents ?? s.timeline));
  const scenario = useSimulation((s) => s.state?.scenario);
  const catalogue = useSimulation((s) => s.catalogue);
  const nodesOf = useNodesOf();
  const steps = useMemo(() => recentNarrative(timeline, count, nodesOf), [timeline, count, nodesOf]);
  const story = catalogue?.scenarios?.find((s) => s.name === scenario)?.story;
  return (
    <section className="panel explanation" aria-live="polite">
      <h2>What is happening</h2>
      {steps.length === 0 && <p className="muted">Press play: every step, the banks decide, and this panel says what they did.</p>}
      <ol className="narrative" data-testid="narrative">
        {steps.map((s) => (
          <li key={s.timestep} className={`tone-${s.tone}`}>
            <span className="step-tag">t{s.timestep}</span> {s.text}
          </li>
        ))}
      </ol>
      <WhyTheyFailed />
      {story && <details className="story"><summary>About this scenario</summary><p>{story}</p></details>}
    </section>
  );
}

/** One line for the embed view: the latest step's narration. */
export function Caption() {
  const timeline = useSimulation((s) => s.timeline);
  const nodesOf = useNodesOf();
  const latest = useMemo(() => recentNarrative(timeline, 1, nodesOf)[0], [timeline, nodesOf]);
  return <div className="caption" data-testid="caption">{latest ? `t${latest.timestep}: ${latest.text}` : 'Press play to watch the banks.'}</div>;
}
