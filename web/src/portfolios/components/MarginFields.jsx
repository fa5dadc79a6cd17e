// The short-selling fields of a form (a new portfolio, a backtest): a checkbox, and once ticked the
// initial and maintenance margin and the borrow fee in percent, prefilled with Reg T, FINRA 4210 and a
// general-collateral fee. `value` and `onChange` hold marginModel.js's form state; `prefix` names the
// test ids ("cp", "bt").
export function MarginFields({ value, onChange, prefix }) {
  const set = (key) => (e) => onChange({ ...value, [key]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  return (
    <>
      <label className="pf-check">
        <input type="checkbox" checked={value.allowShort} onChange={set('allowShort')} data-testid={`${prefix}-short`} />
        Allow short selling, on margin
      </label>
      {value.allowShort && (
        <>
          <label title="Regulation T: a short sale needs equity of 50 % of the shorts' value">Initial margin (%)
            <input required type="number" min="0" max="100" step="any" value={value.initial} onChange={set('initial')} data-testid={`${prefix}-initial-margin`} />
          </label>
          <label title="FINRA Rule 4210: 30 %; below it at a close, a margin call; unmet at the next close, shorts are bought back">Maintenance margin (%)
            <input required type="number" min="0" max="100" step="any" value={value.maintenance} onChange={set('maintenance')} data-testid={`${prefix}-maintenance-margin`} />
          </label>
          <label title="charged per calendar day on the shorts' value, actual/360">Borrow fee (% a year)
            <input required type="number" min="0" max="100" step="any" value={value.borrowRate} onChange={set('borrowRate')} data-testid={`${prefix}-borrow-rate`} />
          </label>
        </>
      )}
    </>
  );
}
