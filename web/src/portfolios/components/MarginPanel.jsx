// A short-selling portfolio's margin (docs/portfolio.md, "Short selling on margin"): its equity against
// the requirements, an open margin call said plainly, and its ledger beyond fills — each borrow fee,
// call, call met and forced cover. Shown only for a portfolio with margin rules; figures are the server's.
import { useLedger } from '../api/queries.js';
import { DataTable } from './DataTable.jsx';
import { QueryView } from './QueryView.jsx';
import { Panel, Stats } from './Stats.jsx';
import { describeEntry, describeMargin, marginState } from './marginModel.js';
import { formatBarTime } from './barTime.js';
import { formatMoney, humanName, signClass } from '../../format.js';

const ledgerColumns = [
  { key: 'date', label: 'Date' },
  { key: 'kind', label: 'Kind', format: humanName, className: (e) => (e.kind === 'margin_call' || e.kind === 'liquidation' ? 'bad' : '') },
  { key: 'what', label: 'What', render: (e) => describeEntry(e) },
  { key: 'amount', label: 'Amount', numeric: true, format: formatMoney },
];

export function MarginPanel({ p }) {
  const ledger = useLedger(p.id);
  const m = p.margin;
  const state = marginState(m);
  return (
    <>
      <Panel title="Margin" aside={describeMargin(m)} className="wide">
        {state === 'call' && (
          <p className="pf-inline-error" role="alert" data-testid="margin-call">
            Margin call since {formatBarTime(m.call_since)}: equity is {formatMoney(-m.excess)} short of the maintenance requirement.
            Unmet at the next close, shorts are bought back, the largest first.
          </p>
        )}
        <Stats items={[
          { label: 'Equity', value: formatMoney(m.equity), testid: 'margin-equity' },
          { label: 'Shorts', value: formatMoney(m.short_value), testid: 'margin-shorts' },
          { label: 'Initial requirement', value: formatMoney(m.initial_requirement) },
          { label: 'Maintenance requirement', value: formatMoney(m.maintenance_requirement) },
          { label: 'Excess', value: formatMoney(m.excess), tone: signClass(m.excess), testid: 'margin-excess' },
          { label: 'Borrow fees paid', value: formatMoney(m.borrow_fees_paid), testid: 'margin-borrow-fees' },
        ]} />
      </Panel>
      <Panel title="Ledger" aside="borrow fees, margin calls, liquidations, newest first" className="wide">
        <QueryView query={ledger}>
          {(d) => <DataTable columns={ledgerColumns} rows={d.entries} rowKey={(e) => e.id} csvName={`ledger-${p.id}`} testid="ledger"
            empty="No entry yet: fees are charged from the bar after a short opens." />}
        </QueryView>
      </Panel>
    </>
  );
}
