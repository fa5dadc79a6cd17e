// "Download report": the portfolio's tear sheet (tearSheet.js) as one HTML file, from the server's
// detail, performance, risk analytics and Monte Carlo, asked for when the button is pressed.
import { useState } from 'react';
import { useApi } from '../api/queries.js';
import { downloadBlob } from '../../export/download.js';
import { tearSheetHtml } from './tearSheet.js';

export function ReportButton({ portfolio }) {
  const api = useApi();
  const [state, setState] = useState({ busy: false, error: null });
  const make = async () => {
    setState({ busy: true, error: null });
    try {
      const base = `api/portfolios/${portfolio.id}`;
      const [performance, risk, monteCarlo] = await Promise.all([
        api.get(`${base}/performance`), api.get(`${base}/risk-analytics`),
        api.get(`${base}/monte-carlo`, { paths: 2000, block: 5, seed: 1 }).catch(() => null),  // too short a history
      ]);
      const generated = new Date().toISOString().slice(0, 16).replace('T', ' ');
      const html = tearSheetHtml({ portfolio, performance, risk, monteCarlo, generated });
      downloadBlob(new Blob([html], { type: 'text/html' }), `finsim-tear-sheet-${portfolio.id}.html`);
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: e.message });
    }
  };
  return (
    <span className="pf-inline">
      <button type="button" onClick={make} disabled={state.busy} data-testid="pf-report">{state.busy ? 'Making the report…' : 'Download report (HTML)'}</button>
      {state.error && <span className="pf-inline-error" role="alert">{state.error}</span>}
    </span>
  );
}
