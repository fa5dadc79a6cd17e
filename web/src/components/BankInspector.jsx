// The selected bank, exactly as the engine reports it in the latest STATE_UPDATE, and the bank
// interventions (force a default, inject central-bank liquidity, force an action for one step). A failed
// bank shows when and why it failed, and no figures: the engine freezes its capital ratio at default and
// zeroes its balance sheet (docs/contract.md), so a ratio there would describe a bank that is gone;
// instead it offers "Why did it fail?" (WhyFailed: the engine's counterfactual causes, docs/why.md).
// Scrubbed back, it shows the bank at the step on screen; the interventions, which act on the live run,
// wait until the page is live again (or a branch: components/BranchPanel.jsx).
import { useState } from 'react';
import { useSimulation } from '../store/simulationStore.js';
import { sendCommand } from '../session/connect.js';
import { formatAmount, formatRatio, formatShare, humanName } from '../format.js';
import { ForceAction } from './ForceAction.jsx';
import { WhyFailed } from './WhyFailed.jsx';
import { defaultReason } from '../narration/narrate.js';
import { isReplaying, shownState } from '../history/replayView.js';

const ASSETS = [['cash', 'Cash'], ['holdings_value', 'Securities (at market)'], ['loan_book', 'Loans to the economy'], ['lent', 'Lent to banks']];
const LIABILITIES = [['deposits', 'Deposits'], ['borrowed', 'Borrowed from banks'], ['due_to_administrator', 'Due to administrators'],
  ['central_bank_funding', 'Central-bank funding']];
const STRESS = [['capital_stress', 'Capital'], ['liquidity_stress', 'Liquidity'], ['counterparty_stress', 'Counterparty']];
const TIERS = { 1: 'core', 2: 'tier 2', 3: 'tier 3' };

function Row({ label, value }) {
  return <tr><th scope="row">{label}</th><td>{value}</td></tr>;
}

function Bar({ value }) {
  const width = typeof value === 'number' ? Math.max(0, Math.min(1, value)) * 100 : 0;
  return <span className="bar"><span style={{ width: `${width}%` }} /></span>;
}

/** "Failed at step 10: it ran out of cash", or as much of it as the engine sent. */
function failureText(node) {
  const when = node.default_timestep !== undefined ? ` at step ${node.default_timestep}` : '';
  const why = defaultReason(node.default_cause);
  return `Failed${when}${why ? `: ${why}` : ''}`;
}

function BankFigures({ node }) {
  return (
    <>
      <table className="kv">
        <tbody>
          <Row label="Capital ratio" value={formatShare(node.capital_ratio)} />
          <Row label="Stress" value={<><Bar value={node.stress} /> {formatShare(node.stress, 0)}</>} />
          {STRESS.map(([k, l]) => node[k] !== undefined && <Row key={k} label={`· ${l}`} value={<><Bar value={node[k]} /> {formatShare(node[k], 0)}</>} />)}
          {node.liquidity_coverage !== undefined && <Row label="Liquidity coverage" value={formatRatio(node.liquidity_coverage)} />}
        </tbody>
      </table>
      {node.total_assets !== undefined && (
        <div className="balance-sheet">
          <table className="kv"><caption>Assets · {formatAmount(node.total_assets)}</caption>
            <tbody>{ASSETS.map(([k, l]) => <Row key={k} label={l} value={formatAmount(node[k])} />)}</tbody></table>
          <table className="kv"><caption>Liabilities & equity</caption>
            <tbody>
              {LIABILITIES.map(([k, l]) => <Row key={k} label={l} value={formatAmount(node[k])} />)}
              <Row label="Equity" value={formatAmount(node.equity)} />
            </tbody></table>
        </div>
      )}
    </>
  );
}

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
        Bank {node.id} <small>{TIERS[node.tier]}</small>
        <button type="button" className="close" aria-label="Close" onClick={() => select(null)}>×</button>
      </h2>
      <div className={`status-pill ${defaulted ? 'bad' : 'good'}`} data-testid="inspector-status">
        {defaulted ? failureText(node) : `Active · last action: ${humanName(String(node.action ?? 'hold').toLowerCase())}`}
      </div>
      {!defaulted && <BankFigures node={node} />}
      {defaulted && <WhyFailed key={`${bank}@${node.default_timestep}`} bank={bank} />}
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
