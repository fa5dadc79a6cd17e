import { describe, expect, it } from 'vitest';
import { startGifRecording } from './gifRecorder.js';
import { inThreadGifEncoder } from './gifEncoding.js';
import { gifStructure } from '../../e2e/gifStructure.mjs';

/**
 * A fake window whose composed canvas reads back a frame that changes with the step shown (the real
 * encoder, gifenc, then encodes it), with a manual clock and frame queue.
 */
function fakeEnv() {
  const frames = [];
  let now = 0;
  let shade = 0;
  const ignore = () => {};
  const context = new Proxy({}, {
    get: (target, key) => {
      if (key in target) return target[key];
      if (key === 'measureText') return (text) => ({ width: String(text).length * 7 });
      if (key === 'createLinearGradient') return () => ({ addColorStop: ignore });
      if (key === 'getImageData') {
        return (x, y, w, h) => {
          const data = new Uint8ClampedArray(w * h * 4);
          for (let i = 0; i < data.length; i += 4) { data[i] = shade; data[i + 1] = (i / 4) % 200; data[i + 2] = 40; data[i + 3] = 255; }
          return { data, width: w, height: h };
        };
      }
      return ignore;
    },
    set: (target, key, value) => { target[key] = value; return true; },
  });
  const env = {
    devicePixelRatio: 1,
    document: { createElement: () => ({ getContext: () => context }) },
    requestAnimationFrame: (f) => frames.push(f),
    cancelAnimationFrame: () => { frames.length = 0; },
    performance: { now: () => now },
    getComputedStyle: () => ({ backgroundColor: 'rgb(7, 11, 20)' }),
  };
  const graph = {
    nodeType: 1, parentElement: null,
    getBoundingClientRect: () => ({ left: 0, top: 0, width: 1000, height: 500 }),
    querySelector: () => null,  // never fitted (graph/viewportFit.js marks no area)
    querySelectorAll: () => [],
  };
  return {
    env, graph,
    advance(ms) { now += ms; shade = (shade + 37) % 256; const due = frames.splice(0); for (const f of due) f(); },
  };
}

const state = (timestep) => ({ scenario: 'calm', seed: 1, policy: 'heuristic', timestep });

describe('startGifRecording', () => {
  it('encodes a frame every 100 ms, at most 800 px wide, each lasting as long as it was on screen', async () => {
    const fake = fakeEnv();
    let step = 5;
    let result = null;
    const handle = startGifRecording({ graph: fake.graph, env: fake.env, encoder: inThreadGifEncoder(), onStop: (r) => { result = r; },
      shown: () => ({ state: state(step), replaying: false, headline: null }) });
    for (let t = 0; t < 60; t++) { fake.advance(1000 / 60); if (t === 30) step = 6; }  // 1 s at 60 Hz
    handle.stop();
    await Promise.resolve();  // the encoder finishes asynchronously
    expect(result).toMatchObject({ type: 'image/gif', reason: 'user', firstStep: 5, lastStep: 6, frames: 11 });
    const bytes = new Uint8Array(await result.blob.arrayBuffer());
    const gif = gifStructure(bytes);
    expect(gif).toMatchObject({ version: 'GIF89a', width: 800 });
    const delays = gif.frames.map((f) => f.delayMs);
    expect(delays).toHaveLength(11);
    for (const d of delays.slice(0, -1)) expect(d).toBeGreaterThanOrEqual(90);
    expect(delays.slice(0, -1).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(950);
    expect(handle.bytes()).toBe(bytes.length);
  });

  it('stops by itself at the time limit, and at the size limit', async () => {
    const timed = fakeEnv();
    let result = null;
    startGifRecording({ graph: timed.graph, env: timed.env, encoder: inThreadGifEncoder(), limits: { maxSeconds: 0.5, maxBytes: 1e9 },
      onStop: (r) => { result = r; }, shown: () => ({ state: state(1) }) });
    for (let t = 0; t < 40 && !result; t++) { timed.advance(1000 / 60); await Promise.resolve(); }
    expect(result.reason).toBe('time');
    expect(result.seconds).toBeCloseTo(0.5, 1);

    const sized = fakeEnv();
    result = null;
    startGifRecording({ graph: sized.graph, env: sized.env, encoder: inThreadGifEncoder(), limits: { maxSeconds: 60, maxBytes: 1000 },
      onStop: (r) => { result = r; }, shown: () => ({ state: state(1) }) });
    sized.advance(16);
    await Promise.resolve();
    expect(result).toBeNull();  // the first frame waits for the second, which gives its delay
    sized.advance(100);
    await Promise.resolve();
    expect(result).toMatchObject({ reason: 'size', frames: 2 });
  });

  it('holds the frame on screen longer while the encoder is behind, rather than pile frames up', async () => {
    const fake = fakeEnv();
    const inThread = inThreadGifEncoder();
    let behind = 3;
    const slow = { ...inThread, backlog: () => behind };
    let result = null;
    const handle = startGifRecording({ graph: fake.graph, env: fake.env, encoder: slow, onStop: (r) => { result = r; },
      shown: () => ({ state: state(1) }) });
    for (let t = 0; t < 30; t++) fake.advance(1000 / 60);  // 0.5 s with the encoder 3 frames behind: nothing taken
    behind = 0;
    for (let t = 0; t < 12; t++) fake.advance(1000 / 60);  // then the next frame is taken at once
    handle.stop();
    await Promise.resolve();
    const { frames } = gifStructure(new Uint8Array(await result.blob.arrayBuffer()));
    expect(frames.length).toBe(3);
    expect(frames[0].delayMs).toBeGreaterThanOrEqual(500);  // the first frame stayed on screen while the encoder caught up
  });
});
