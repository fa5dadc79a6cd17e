// Collects message texts from a transport and hands them to the store once per animation frame, so a
// step's burst (events, state, metrics) costs one store update and one render. A fallback timer flushes
// when frames do not run (hidden tab), keeping the queue short.
export function createMessageBatcher(deliver, {
  requestFrame = globalThis.requestAnimationFrame?.bind(globalThis),
  setTimer = setTimeout,
  clearTimer = clearTimeout,
  fallbackMs = 250,
} = {}) {
  let queue = [];
  let frame = null;
  let timer = null;

  function flush() {
    frame = null;
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (!queue.length) return;
    const texts = queue;
    queue = [];
    deliver(texts);
  }

  return {
    push(text) {
      queue.push(text);
      if (frame === null && requestFrame) frame = requestFrame(flush);
      if (timer === null) timer = setTimer(flush, requestFrame ? fallbackMs : 0);
    },
    flush,
    pending: () => queue.length,
  };
}
