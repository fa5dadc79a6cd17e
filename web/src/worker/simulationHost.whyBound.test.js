// The worker's "why" with the real WebAssembly engine (wasm/dist, Node build): the same answer as
// `finsim why`, and the server's bounds on an explanation (wasm/src/session_bindings.cpp), so that one
// question cannot hold the worker's only thread for long. Skipped when wasm/dist has not been built.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulationHost } from './simulationHost.js';
import { loadWasmEngine, repoRoot } from '../../scripts/wasmNode.mjs';
import { coreDefaultBank34AtStep200 } from '../narration/testing/engineAnswers.js';

const built = existsSync(`${repoRoot}wasm/dist/finsim-node.wasm`);

// A host over the real engine that keeps only its answers and the latest STATE_UPDATE's failed banks.
async function engineHost(config, steps) {
  const answers = [];
  let failed = [];
  const host = createSimulationHost({
    module: await loadWasmEngine(),
    post: (text) => {
      if (text.startsWith('{"type":"ANSWER"')) answers.push(JSON.parse(text).payload);
      else if (text.startsWith('{"type":"STATE_UPDATE"')) {
        failed = JSON.parse(text).payload.nodes.filter((n) => n.status === 'defaulted').map((n) => Number(n.id));
      }
    },
  });
  host.handle({ control: 'reset', config });
  for (let t = 0; t < steps; t++) host.handle({ control: 'step' });
  return { host, answers, failed: () => failed };
}

describe.skipIf(!built)('the worker\'s why, with the real engine', () => {
  it('answers as finsim why does, word for word (core_default, seed 42, Bank 34 at step 200)', async () => {
    const { host, answers } = await engineHost({ scenario: 'core_default', seed: 42 }, 200);
    host.ask({ ask: 'why', id: 1, bank: 34 });
    expect(answers).toEqual([{ id: 1, reply: coreDefaultBank34AtStep200 }]);
    host.dispose();
  }, 60000);

  it('refuses a run beyond the server\'s bound at once: 1,000 banks over 201 steps', async () => {
    const { host, answers, failed } = await engineHost({ scenario: 'liquidity_freeze', seed: 42, banks: 1000 }, 201);
    expect(failed().length).toBeGreaterThan(0);
    const t0 = performance.now();
    host.ask({ ask: 'why', id: 2, bank: failed()[0] });
    expect(performance.now() - t0).toBeLessThan(100);
    expect(answers[0].reply.error).toEqual({ code: 'analysis_too_large',
      message: 'explaining a failure replays the run: 1000 banks over 201 steps is above the bound of 200000 banks × steps' });
    host.dispose();
  }, 120000);

  it('stops an explanation whose replays pass 2,000,000 banks × steps (liquidity_freeze, 1,000 banks, Bank 62 at step 199)', async () => {
    const { host, answers } = await engineHost({ scenario: 'liquidity_freeze', seed: 42, banks: 1000 }, 199);
    host.ask({ ask: 'why', id: 3, bank: 62 });
    expect(answers[0].reply.error.code).toBe('analysis_too_large');
    expect(answers[0].reply.error.message).toMatch(/simulated more than the bound of 2000000 banks × steps in all/);
    host.dispose();
  }, 120000);
});
