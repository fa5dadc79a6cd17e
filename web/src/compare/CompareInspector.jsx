// The bank selected on either graph, in world A and in world B side by side (compare/sharedSelection.js
// keeps one selection for both): each column is the bank exactly as that world's engine reports it in the
// STATE_UPDATE of the step on screen (its lockstep view), rendered by the one-world inspector's own
// BankReport; "Why did it fail?" asks that world's engine. No interventions: a comparison has exactly one
// difference. Drawn below the two graphs' stages, never over them (docs/web.md, "Layout: nothing over a bank").
import { useStore } from 'zustand';
import { BankReport, tierName } from '../components/BankReport.jsx';
import { shownState } from '../history/replayView.js';
import { askWorld } from './compareSession.js';
import { WorldSwatch } from './CompareChart.jsx';

const selectedNode = (s) => (s.selectedBank === null ? null : shownState(s)?.nodes.find((n) => n.id === s.selectedBank) ?? null);

function WorldColumn({ world, label, node }) {
  return (
    <div className={`compare-inspector-world world-${world.id}`} data-testid={`compare-inspector-${world.id}`}>
      <h3><WorldSwatch world={world.id} /> <b className={`world-${world.id}-text`}>{world.id.toUpperCase()}</b> {label}</h3>
      {node ? <BankReport node={node} ask={(question) => askWorld(world, question)} />
        : <p className="muted small">This world's engine reports no such bank at this step.</p>}
    </div>
  );
}

export function CompareInspector({ worlds, labels }) {
  const [a, b] = worlds;
  const selected = [useStore(a.view.store, (s) => s.selectedBank), useStore(b.view.store, (s) => s.selectedBank)];
  const nodes = [useStore(a.view.store, selectedNode), useStore(b.view.store, selectedNode)];
  const bank = selected[0] ?? selected[1];
  if (bank === null) {
    return (
      <section className="panel inspector compare-inspector" data-testid="compare-inspector">
        <p className="muted small">Click a bank on either graph to see it in both worlds.</p>
      </section>
    );
  }
  const tier = tierName((nodes[0] ?? nodes[1])?.tier);
  const close = () => a.store.getState().selectBank(null);
  return (
    <section className="panel inspector compare-inspector" data-testid="compare-inspector">
      <h2>
        <span>Bank {bank} {tier && <small className="muted">{tier}</small>}</span>
        <button type="button" className="close" aria-label="Close" onClick={close}>×</button>
      </h2>
      <div className="compare-inspector-worlds">
        <WorldColumn world={a} label={labels.a} node={nodes[0]} />
        <WorldColumn world={b} label={labels.b} node={nodes[1]} />
      </div>
      <p className="muted small">No interventions here: a comparison has exactly one difference.</p>
    </section>
  );
}
