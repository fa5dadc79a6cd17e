// A table of server rows with a CSV export of the raw values (not the formatted text). Columns:
// {key, label, value?(row) (raw, for nested fields and the CSV), format?(value),
//  render?(row) (cell content), numeric? (right-aligned, tabular digits), className?(row)}. A bar's time
// ("2024-01-05T09:35") shows with a space, as formatBarTime gives it.
import { downloadCsv, tableCsv } from '../../export/csv.js';
import { formatBarTime } from './barTime.js';

const rawValue = (column, row) => (column.value ? column.value(row) : row[column.key]);

export function DataTable({ title, columns, rows, rowKey = (row) => row.id, csvName, testid, empty = 'No rows.', actions }) {
  const csvColumns = columns.filter((c) => c.csv !== false).map((c) => ({ key: c.key, label: c.label, value: c.value }));
  return (
    <div className="pf-table-block" data-testid={testid}>
      {(title || csvName || actions) && (
        <div className="pf-table-head">
          {title && <h3>{title}</h3>}
          <div className="pf-table-actions">
            {actions}
            {csvName && (
              <button type="button" className="link" disabled={!rows.length} data-testid={testid && `${testid}-csv`}
                onClick={() => downloadCsv(`${csvName}.csv`, tableCsv(rows, csvColumns))}>Export CSV</button>
            )}
          </div>
        </div>
      )}
      {rows.length === 0 ? <div className="pf-state pf-empty">{empty}</div> : (
        <div className="pf-table-scroll">
          <table className="pf-table">
            <thead>
              <tr>{columns.map((c) => <th key={c.key} className={c.numeric ? 'num' : undefined}>{c.label}</th>)}</tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={rowKey(row, i)}>
                  {columns.map((c) => {
                    const value = rawValue(c, row);
                    const content = c.render ? c.render(row) : c.format ? c.format(value) : (formatBarTime(value) ?? '—');
                    const cls = [c.numeric ? 'num' : '', c.className?.(row) ?? ''].join(' ').trim();
                    return <td key={c.key} className={cls || undefined} data-label={c.label}>{content}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
