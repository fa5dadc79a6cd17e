// The narration's questions to the engine ("why did bank B fail?", Session::why, docs/why.md), asked one
// at a time so that a playing run never waits for more than one answer (the worker answers on the thread
// that steps the run), and kept per (run, bank, horizon) so that no question is asked twice.
//
// The engine judges a failure at the step its run has reached when the question arrives (the answer's
// `horizon`). While the run plays, the first answer for a bank is kept whatever its horizon (the
// narration says which); paused at step H, the narration wants answers at H — the horizon the inspector's
// "Why did it fail?" uses — and asks again for those judged earlier. A new run, or a rewind (the newest
// step going back: the run branches), forgets every answer.

/**
 * @param {object} deps
 * @param {(question: object) => Promise<object>} deps.ask   the transport's ask (session/connect.js): the
 *   engine's reply, its answer or {error:{code,message}}; never rejects
 * @param {(name: string, detail: object) => void} [deps.mark]   records each question and answer
 *   (performance marks 'finsim-why-asked' and 'finsim-why-answered', read by web/e2e/why.mjs)
 * @param {() => number} [deps.now]   milliseconds
 */
export function createWhyAsker({ ask, mark = markPerformance, now = () => globalThis.performance?.now?.() ?? Date.now() }) {
  let run = null;
  let newest = -1;
  let world = 0;              // bumped at every new run or rewind: answers of an older world are dropped
  let entries = new Map();    // bank → [{horizon, askedAt, reply}] in the order received
  let wanted = [];            // [{bank, horizon}] in priority order; horizon null: any answer will do
  let asking = null;          // the bank whose question is in flight
  let version = 0;
  const listeners = new Set();

  function changed() {
    version += 1;
    for (const listener of [...listeners]) listener();
  }

  /** The answer kept for `bank` at `horizon` (null: the latest kept), or null. */
  function answerFor(bank, horizon = null) {
    const kept = entries.get(bank) ?? [];
    if (horizon === null) return kept[kept.length - 1]?.reply ?? null;
    // An answer judged at another step than asked (the run moved meanwhile) still stands for the step it
    // was asked at, so that a question is not asked again and again.
    return kept.find((e) => e.horizon === horizon || e.askedAt === horizon)?.reply ?? null;
  }

  function pump() {
    if (asking !== null) return;
    const next = wanted.find((w) => answerFor(w.bank, w.horizon) === null);
    if (!next) return;
    asking = next.bank;
    const askedIn = world;
    const askedAt = newest;
    const t0 = now();
    mark('finsim-why-asked', { bank: next.bank, step: askedAt });
    ask({ ask: 'why', bank: next.bank }).then((reply) => {
      asking = null;
      if (askedIn === world) {
        mark('finsim-why-answered', { bank: next.bank, step: askedAt, ms: now() - t0, error: reply?.error?.code ?? null });
        const kept = entries.get(next.bank) ?? [];
        entries.set(next.bank, [...kept, { horizon: typeof reply?.horizon === 'number' ? reply.horizon : askedAt, askedAt, reply }]);
        changed();
      }
      pump();
    });
  }

  return {
    /**
     * The questions wanted now, in priority order, about run `runId` whose newest step is `step`: each
     * {bank, horizon} (horizon null: any answer). Replaces the previous wish; asks the first unanswered.
     */
    want(runId, step, questions) {
      if (runId !== run || step < newest) {
        run = runId;
        world += 1;
        entries = new Map();
        changed();
      }
      newest = step;
      wanted = questions;
      pump();
    },
    answerFor,
    /** Whether the question about `bank` is the one in flight. */
    asking: (bank) => asking === bank,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Changes at every answer kept or forgotten (for useSyncExternalStore). */
    version: () => version,
  };
}

function markPerformance(name, detail) {
  globalThis.performance?.mark?.(name, { detail });
}
