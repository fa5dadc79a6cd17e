// The selected bank, exactly as the engine reports it in the latest STATE_UPDATE (BankReport.jsx: a
// failed bank shows when and why it failed, no figures, and "Why did it fail?"), and the bank
// interventions (force a default, inject central-bank liquidity, force an action for one step).
// Scrubbed back, it shows the bank at the step on screen; the interventions, which act on the live run,
// wait until the page is live again (or a branch: components/BranchPanel.jsx).
import { useState } from 'react';
import { useSimulation } from '../store/simulationStore.js';
import { sendCommand } from '../session/connect.js';
import { ForceAction } from './ForceAction.jsx';
import { BankReport, tierName } from './BankReport.jsx';
import { isReplaying, shownState } from '../history/replayView.js';

export function BankInspector() {
  const selected = useSimulation((s) => s.selectedBank);
  const node = useSimulation((s) => (s.selectedBank === null ? null : shownState(s)?.nodes.find((n) => n.id === s.selectedBank)));
  const replaying = useSimulation(isReplaying);
  const select = useSimulation((s) => s.selectBank);
  const [amount, setAmount] = useState(50);
  if (selected === null) {
    return (
      <section className="panel inspector">
        <h2>Bank inspector</h2>
        <p className="muted">Click a bank on the graph to see its balance sheet and to intervene.</p>
      </section>
    );
  }
  if (!node) return null;
  const defaulted = node.status === 'defaulted';
  const bank = Number(node.id);
  return (
    <section className="panel inspector" data-testid="inspector">
      <h2>
        Bank {node.id} <small>{tierName(node.tier)}</small>
        <button type="button" className="close" aria-label="Close" onClick={() => select(null)}>×</button>
      </h2>
      <BankReport node={node} />
      {replaying && <p className="muted small" data-testid="inspector-replay">As at the step replayed. Interventions act on the live
        run: go back to Live, or branch from this step.</p>}
      <div className="interventions" hidden={replaying}>
        <button type="button" className="danger" data-testid="force-default" disabled={defaulted}
          onClick={() => sendCommand({ control: 'force_default', bank })}>Force default</button>
        <span className="inject">
          <input type="number" min="1" step="10" value={amount} aria-label="Liquidity to inject"
            onChange={(e) => setAmount(Number(e.target.value))} />
          <button type="button" className="good-button" data-testid="inject" disabled={defaulted || !(amount > 0)}
            onClick={() => sendCommand({ control: 'inject_liquidity', bank, amount })}>Inject liquidity</button>
        </span>
        <ForceAction bank={bank} disabled={defaulted} />
      </div>
      <p className="muted small">Interventions act at the start of the next step; a forced action replaces the
        bank's own choice for that step only.</p>
    </section>
  );
}
