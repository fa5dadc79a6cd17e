// Encoding a GIF frame by frame with gifenc (MIT): each frame reduced to a 256-colour palette of its own
// (its colours change as banks fail and effects flash) and appended with its delay. The encoding runs in
// a worker in the page (gifEncoder.worker.js), off the thread that draws the graph; the same encoder runs
// in the calling thread for tests (inThreadGifEncoder). Both are driven through one asynchronous
// interface: {add(rgba, width, height, delayMs), backlog(), bytes(), finish() → Promise<Uint8Array>,
// dispose()}, where `rgba` is an RGBA pixel buffer (Uint8ClampedArray) handed over (not to be reused),
// backlog() counts frames sent and not yet encoded, and bytes() is the encoded size so far.
import { GIFEncoder, applyPalette, quantize } from 'gifenc';

/** A synchronous GIF under construction: {addFrame(rgba, width, height, delayMs), size(), finish() → Uint8Array}. */
export function createGifEncoding() {
  const gif = GIFEncoder();
  return {
    addFrame(rgba, width, height, delayMs) {
      const palette = quantize(rgba, 256);
      gif.writeFrame(applyPalette(rgba, palette), width, height, { palette, delay: delayMs });
    },
    size: () => gif.bytesView().length,
    finish() {
      gif.finish();
      return gif.bytes();
    },
  };
}

/** The encoder in the calling thread (tests; a browser without module workers). */
export function inThreadGifEncoder() {
  const encoding = createGifEncoding();
  return {
    add: (rgba, width, height, delayMs) => encoding.addFrame(rgba, width, height, delayMs),
    backlog: () => 0,
    bytes: () => encoding.size(),
    finish: async () => encoding.finish(),
    dispose() {},
  };
}

/** The encoder in a worker (gifEncoder.worker.js); `createWorker` is for tests of the protocol. */
export function workerGifEncoder(createWorker = () => new Worker(new URL('./gifEncoder.worker.js', import.meta.url), { type: 'module', name: 'finsim-gif' })) {
  const worker = createWorker();
  let sent = 0;
  let encoded = 0;
  let size = 0;
  let finished = null;
  worker.onmessage = ({ data }) => {
    if (data.type === 'encoded') { encoded = data.frames; size = data.bytes; }
    if (data.type === 'finished') finished?.resolve(data.gif);
    if (data.type === 'error') finished?.reject(new Error(data.message));
  };
  worker.onerror = (e) => finished?.reject(new Error(e.message ?? 'the GIF encoder failed'));
  return {
    add(rgba, width, height, delayMs) {
      sent += 1;
      worker.postMessage({ type: 'frame', rgba, width, height, delayMs }, [rgba.buffer]);
    },
    backlog: () => sent - encoded,
    bytes: () => size,
    finish() {
      return new Promise((resolve, reject) => {
        finished = { resolve, reject };
        worker.postMessage({ type: 'finish' });
      }).finally(() => worker.terminate());
    },
    dispose: () => worker.terminate(),
  };
}
