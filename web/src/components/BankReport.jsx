// One bank as the engine reports it in one STATE_UPDATE node: its status ("Active · last action: …" or
// "Failed at step 10: …"), and for a standing bank its capital ratio, stress and its components,
// liquidity coverage and balance sheet; for a failed one no figures (the engine freezes its capital
// ratio at default and zeroes its balance sheet, docs/contract.md) but "Why did it fail?", asked of the
// engine behind `ask` (WhyFailed). Presentational: no store, no interventions — the one-world inspector
// (BankInspector.jsx) and the Compare view's (compare/CompareInspector.jsx) both render it.
import { formatAmount, formatRatio, formatShare, humanName } from '../format.js';
import { defaultReason } from '../narration/narrate.js';
import { WhyFailed } from './WhyFailed.jsx';

const ASSETS = [['cash', 'Cash'], ['holdings_value', 'Securities (at market)'], ['loan_book', 'Loans to the economy'], ['lent', 'Lent to banks']];
const LIABILITIES = [['deposits', 'Deposits'], ['borrowed', 'Borrowed from banks'], ['due_to_administrator', 'Due to administrators'],
  ['central_bank_funding', 'Central-bank funding']];
const STRESS = [['capital_stress', 'Capital'], ['liquidity_stress', 'Liquidity'], ['counterparty_stress', 'Counterparty']];
const TIERS = { 1: 'core', 2: 'tier 2', 3: 'tier 3' };

/** The engine's tier number in words ("core", "tier 2"), or undefined when it sent none. */
export const tierName = (tier) => TIERS[tier];

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
  const why = defaultReason(node.default_cause, node.forced_by);
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

/**
 * "Deposits withdrawn in this step: 1.2 by the scenario's shock; 0.400 in a run by its depositors" — the
 * node's `shock_withdrawal` and `run_withdrawal` (docs/contract.md), or null when neither was sent.
 */
export function withdrawalText(node) {
  const parts = [];
  if (node.shock_withdrawal > 0) parts.push(`${formatAmount(node.shock_withdrawal)} by the scenario's shock`);
  if (node.run_withdrawal > 0) parts.push(`${formatAmount(node.run_withdrawal)} in a run by its depositors`);
  return parts.length ? `Deposits withdrawn in this step: ${parts.join('; ')}.` : null;
}

/**
 * `node`: the bank's node of the STATE_UPDATE on screen. `ask`: how "Why did it fail?" reaches the engine
 * that ran this bank (a Promise of the reply, as session/connect.js's ask); WhyFailed's default when omitted.
 */
export function BankReport({ node, ask }) {
  const defaulted = node.status === 'defaulted';
  return (
    <>
      <div className={`status-pill ${defaulted ? 'bad' : 'good'}`} data-testid="inspector-status">
        {defaulted ? failureText(node) : `Active · last action: ${humanName(String(node.action ?? 'hold').toLowerCase())}`}
      </div>
      {withdrawalText(node) && <p className="muted small" data-testid="inspector-withdrawals">{withdrawalText(node)}</p>}
      {!defaulted && <BankFigures node={node} />}
      {defaulted && <WhyFailed key={`${node.id}@${node.default_timestep}`} bank={Number(node.id)} ask={ask} />}
    </>
  );
}
