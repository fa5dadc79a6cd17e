// The downloadable tear sheet (issue 14): one standalone HTML file of a portfolio's figures — the key
// metrics, the benchmark, the NAV drawn as an SVG line, the worst drawdowns and the Monte Carlo of the
// return path — every number one the server sent, formatted. Pure: data in, a string out; no script,
// no outside resource, every text escaped.
import { formatMoney, formatNumber, formatShare, formatSignedShare } from '../../format.js';

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

const table = (rows, head = null) => `<table>${head ? `<tr>${head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>` : ''}${
  rows.map((r) => `<tr>${r.map((c, i) => (i === 0 && !head ? `<th>${escape(c)}</th>` : `<td>${escape(c)}</td>`)).join('')}</tr>`).join('')}</table>`;

/** The NAV as an SVG polyline scaled into width × height (the first and last dates under it). */
export function navSvg(nav, width = 640, height = 180) {
  const values = nav.map((n) => n.nav).filter(Number.isFinite);
  if (values.length < 2) return '<p>No history yet.</p>';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const points = values.map((v, i) => `${((i / (values.length - 1)) * width).toFixed(1)},${(height - ((v - lo) / span) * height).toFixed(1)}`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 20}" viewBox="0 0 ${width} ${height + 20}" role="img" aria-label="net worth over time">`
    + `<polyline fill="none" stroke="#0369a1" stroke-width="1.5" points="${points.join(' ')}"/>`
    + `<text x="0" y="${height + 16}" font-size="11">${escape(nav[0].date)} · ${escape(formatMoney(values[0]))}</text>`
    + `<text x="${width}" y="${height + 16}" font-size="11" text-anchor="end">${escape(nav[nav.length - 1].date)} · ${escape(formatMoney(values[values.length - 1]))}</text></svg>`;
}

/**
 * The tear sheet of `portfolio` (the detail), `performance` (…/performance), `risk` (…/risk-analytics)
 * and `monteCarlo` (…/monte-carlo, or null when the server had none), made at `generated` (text).
 */
export function tearSheetHtml({ portfolio, performance, risk, monteCarlo, generated }) {
  const s = performance.summary ?? {};
  const b = s.benchmark;
  const metrics = [
    ['Net worth', formatMoney(portfolio.nav)], ['Total return', formatSignedShare(s.total_return)],
    ['Annual return', formatSignedShare(s.annual_return)], ['Annual volatility', formatShare(s.annual_volatility)],
    ['Sharpe', formatNumber(s.sharpe)], ['Sortino', formatNumber(s.sortino)], ['Calmar', formatNumber(s.calmar)],
    ['Max drawdown', formatSignedShare(s.max_drawdown)], ['VaR, 5 % (historical)', formatSignedShare(s.var_historical)],
    ['CVaR, 5 % (historical)', formatSignedShare(s.cvar_historical)], ['Stability', formatNumber(s.stability)],
    ['Tail ratio', formatNumber(s.tail_ratio)], ['Positive days', formatShare(s.positive_periods)],
    ['Fees paid', formatMoney(portfolio.fees_paid)], ['Days', formatNumber(s.periods, 0)],
  ];
  const sections = [
    `<h1>${escape(portfolio.name)}</h1>`,
    `<p class="meta">${escape(`${portfolio.kind} portfolio · ${portfolio.model} · fees ${portfolio.fee_structure?.name ?? ''} · ${portfolio.market?.name ?? ''} market · `
      + `${s.start ?? ''} to ${s.end ?? ''} · made ${generated} by FinSim from the server's figures`)}</p>`,
    '<h2>Net worth</h2>', navSvg(performance.nav ?? []),
    '<h2>Key figures</h2>', table(metrics),
  ];
  if (b) {
    sections.push(`<h2>Against the benchmark: ${escape(b.name || 'benchmark')}</h2>`, table([
      ['Benchmark return', formatSignedShare(b.benchmark_total_return)], ['Excess return', formatSignedShare(b.excess_return)],
      ['Alpha (annual)', formatSignedShare(b.alpha)], ['Beta', formatNumber(b.beta)], ['Correlation', formatNumber(b.correlation)],
    ]));
  }
  const episodes = risk?.worst_drawdowns ?? [];
  sections.push('<h2>Worst drawdowns</h2>', episodes.length
    ? table(episodes.map((e, i) => [String(i + 1), formatSignedShare(e.depth), e.peak_date ?? '', e.trough_date ?? '', e.recovery_date ?? 'not yet']),
      ['#', 'Depth', 'Peak', 'Trough', 'Recovered'])
    : '<p>No drawdown yet.</p>');
  if (monteCarlo) {
    const levels = ['p5', 'p25', 'p50', 'p75', 'p95'];
    sections.push('<h2>Monte Carlo of the return path</h2>',
      `<p>${escape(`${monteCarlo.paths} paths of ${monteCarlo.horizon} days, the ${monteCarlo.sample} daily returns resampled in blocks of about ${monteCarlo.block} days (stationary bootstrap, seed ${monteCarlo.seed}): a loss in ${formatShare(monteCarlo.probability_of_loss, 1)} of them.`)}</p>`,
      table([
        ['Return at the end', ...levels.map((k) => formatSignedShare(monteCarlo.final_return[k]))],
        ['Net worth at the end', ...levels.map((k) => formatMoney(monteCarlo.final_nav[k]))],
        ['Deepest drawdown', ...levels.map((k) => formatSignedShare(monteCarlo.max_drawdown[k]))],
      ], ['', '5 %', '25 %', 'median', '75 %', '95 %']));
  }
  const style = 'body{font:14px/1.45 system-ui,sans-serif;color:#0f172a;max-width:760px;margin:24px auto;padding:0 16px}'
    + 'h1{margin-bottom:4px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #cbd5e1}.meta{color:#475569}'
    + 'table{border-collapse:collapse;width:100%}th,td{padding:3px 8px;border-bottom:1px solid #e2e8f0;text-align:right}th:first-child{text-align:left}';
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escape(portfolio.name)} · FinSim tear sheet</title>`
    + `<style>${style}</style></head><body>${sections.join('\n')}</body></html>\n`;
}
