// "Why did it fail?" in the WebAssembly engine (Node build): Session.why timed for every bank that
// failed by step 200 in core_default and liquidity_freeze (100 banks, heuristic, seed 42, horizon 200),
// the cases of the native `finsim bench --why` (docs/why.md, "Cost"); then at the bound the worker holds
// an explanation to (wasm/src/session_bindings.cpp, the server's): the first 40 failed banks of a
// 1,000-bank liquidity_freeze run at step 199, each explained or refused as analysis_too_large. Not a test.
// Usage: node perf/whyBench.mjs   (inside web/; needs wasm/dist)
import { loadWasmEngine } from '../scripts/wasmNode.mjs';

const SCENARIOS = ['core_default', 'liquidity_freeze'];
const STEPS = 200;

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const summary = (ms) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { explained: ms.length, median_ms: quantile(sorted, 0.5), p90_ms: quantile(sorted, 0.9), max_ms: sorted[sorted.length - 1] };
};

const module = await loadWasmEngine();
const all = [];
for (const scenario of SCENARIOS) {
  const session = new module.Session();
  session.control('reset', JSON.stringify({ scenario, seed: 42 }));
  for (let t = 0; t < STEPS; t++) session.advance();
  const { banks } = JSON.parse(session.status());
  const ms = [];
  for (let bank = 0; bank < banks; bank++) {
    const t0 = performance.now();
    const reply = JSON.parse(session.why(JSON.stringify({ bank })));
    const elapsed = performance.now() - t0;
    if (reply.error?.code === 'bank_not_failed') continue;
    if (reply.error) throw new Error(`bank ${bank}: ${reply.error.message}`);
    ms.push(elapsed);
  }
  session.delete();
  all.push(...ms);
  console.log(scenario, JSON.stringify(summary(ms), (k, v) => (typeof v === 'number' ? Math.round(v) : v)));
}
console.log('both', JSON.stringify(summary(all), (k, v) => (typeof v === 'number' ? Math.round(v) : v)));

// At the bound: how long a question can hold the worker's thread, and how many are refused.
const BOUND_BANKS = 1000;
const BOUND_STEPS = 199;
const bound = new module.Session();
bound.control('reset', JSON.stringify({ scenario: 'liquidity_freeze', seed: 42, banks: BOUND_BANKS }));
let latest = '';
for (let t = 0; t < BOUND_STEPS; t++) latest = bound.advance();
const failed = JSON.parse(latest.split('\n').find((text) => text.startsWith('{"type":"STATE_UPDATE"'))).payload.nodes
  .filter((n) => n.status === 'defaulted').map((n) => Number(n.id)).slice(0, 40);
const boundMs = [];
let refused = 0;
for (const bank of failed) {
  const t0 = performance.now();
  const reply = JSON.parse(bound.why(JSON.stringify({ bank })));
  boundMs.push(performance.now() - t0);
  if (reply.error?.code === 'analysis_too_large') refused++;
  else if (reply.error) throw new Error(`bank ${bank}: ${reply.error.message}`);
}
bound.delete();
console.log(`liquidity_freeze ${BOUND_BANKS} banks at step ${BOUND_STEPS}`, JSON.stringify({ ...summary(boundMs), explained: boundMs.length - refused, refused },
  (k, v) => (typeof v === 'number' ? Math.round(v) : v)));
