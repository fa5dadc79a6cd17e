// "Record clip" and "Record GIF" (web/src/export/RecordClip.jsx): play a run, record about 2 s of the
// graph, stop, and check the download is a WebM video that Chromium decodes, whose frames carry the
// headline band above the graph and the legend band under it, or a GIF of several frames at most 800 px
// wide; and that a browser without MediaRecorder is told so. The decoded middle frames go to
// build/e2e-artifacts/record-clip-frame.png and record-gif-frame.png, the GIF to record-gif.gif, the
// control while recording to record-clip-control.png (look at them).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assert } from './harness.mjs';
import { gifStructure } from './gifStructure.mjs';
import { frameSize } from '../src/export/frameComposition.js';
import { timestep, waitForGraph, waitForTimestep } from './pageHelpers.mjs';

const artifacts = fileURLToPath(new URL('../../build/e2e-artifacts/', import.meta.url));

/** Loads the clip into a <video> in the page: its size, its duration (found by seeking past the end: a
 *  recorded WebM states none) and its middle frame as a PNG data URL. */
export function decodeInPage(base64) {
  return new Promise((resolve, reject) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const video = document.createElement('video');
    video.muted = true;
    video.onerror = () => reject(new Error(`the video does not decode: ${video.error?.message ?? video.error?.code}`));
    const once = (event) => new Promise((r) => video.addEventListener(event, r, { once: true }));
    video.src = URL.createObjectURL(new Blob([bytes], { type: 'video/webm' }));
    (async () => {
      await once('loadedmetadata');
      if (!Number.isFinite(video.duration)) {
        const known = once('durationchange');
        video.currentTime = 1e101;
        await known;
        while (!Number.isFinite(video.duration)) await once('durationchange');
      }
      const duration = video.duration;
      const seeked = once('seeked');
      video.currentTime = duration / 2;
      await seeked;
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d').drawImage(video, 0, 0);
      resolve({ width: video.videoWidth, height: video.videoHeight, duration, frame: canvas.toDataURL('image/png') });
    })().catch(reject);
  });
}

/**
 * In the page: for each band {name, top, bottom} (rows of the image at `dataUrl`), how many pixels are
 * ink (luma above 150: text, swatches) and what share of them has the bands' colour (#0f1626, ±6 a
 * channel) — the graph's background, the page's radial gradient, has neither.
 */
function bandInk({ dataUrl, bands }) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onerror = () => reject(new Error('the frame does not load'));
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(image, 0, 0);
      resolve(bands.map(({ name, top, bottom }) => {
        const { data } = ctx.getImageData(0, top, image.width, bottom - top);
        let ink = 0;
        let band = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
          if (0.2126 * r + 0.7152 * g + 0.0722 * b > 150) ink++;
          if (Math.abs(r - 15) <= 6 && Math.abs(g - 22) <= 6 && Math.abs(b - 38) <= 6) band++;
        }
        return { name, ink, bandShare: band / (data.length / 4) };
      }));
    };
    image.src = dataUrl;
  });
}

/** In the page: Chromium's own GIF decoder (ImageDecoder) on the GIF: its frame count and its middle frame as a PNG data URL. */
async function decodeGifInPage(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const decoder = new ImageDecoder({ data: bytes, type: 'image/gif' });
  await decoder.tracks.ready;
  await decoder.completed;
  const count = decoder.tracks.selectedTrack.frameCount;
  const { image } = await decoder.decode({ frameIndex: Math.floor(count / 2) });
  const canvas = document.createElement('canvas');
  canvas.width = image.displayWidth;
  canvas.height = image.displayHeight;
  canvas.getContext('2d').drawImage(image, 0, 0);
  image.close();
  return { count, frame: canvas.toDataURL('image/png') };
}

export function recordClipTests(harness, { siteUrl }) {
  harness.test('record clip: records the playing graph as a WebM that decodes, named for the run', async (page) => {
    await page.goto(`${siteUrl}?scenario=liquidity_freeze&seed=42&policy=heuristic&speed=5`);
    await waitForGraph(page, { nodes: 100 });
    const note = await page.locator('.record-clip-note').textContent();
    assert(/stops by itself after 60 s or 32 MB/.test(note), `the limits are stated: ${note}`);
    await page.getByTestId('play-pause').click();
    await waitForTimestep(page, 2);
    const from = await timestep(page);
    const started = Date.now();
    await page.getByTestId('record-clip').click();
    await page.waitForFunction(() => /Stop recording/.test(document.querySelector('[data-testid=record-clip]').textContent));
    mkdirSync(artifacts, { recursive: true });
    await page.locator('.controls').screenshot({ path: `${artifacts}record-clip-control.png` });
    await page.waitForTimeout(Math.max(0, 2200 - (Date.now() - started)));  // about 2 s, the screenshot included
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('record-clip').click()]);
    const recordedFor = (Date.now() - started) / 1000;  // an upper bound: it includes the download's arrival
    const to = await timestep(page);
    assert(to > from, `the run played on while recording (${from} → ${to})`);

    const name = download.suggestedFilename();
    assert(/^finsim-liquidity_freeze-seed42-heuristic-steps\d+-\d+\.webm$/.test(name), name);
    const [, first, last] = /steps(\d+)-(\d+)/.exec(name).map(Number);
    assert(first >= from - 1 && last > first && last <= to, `the steps shown (${first}-${last}) within ${from}-${to}`);
    const bytes = readFileSync(await download.path());
    assert(bytes.length > 20_000, `a non-trivial file (${bytes.length} bytes)`);
    assert(bytes.subarray(0, 4).toString('hex') === '1a45dfa3', `an EBML header (${bytes.subarray(0, 4).toString('hex')})`);
    assert(bytes.subarray(0, 64).includes(Buffer.from('webm')), 'DocType webm');

    const status = await page.getByTestId('record-clip-status').textContent();
    assert(status.startsWith(`Saved ${name} (`) && /(VP9|VP8|WebM)\)\.$/.test(status), status);
    await page.waitForFunction(() => /Record clip/.test(document.querySelector('[data-testid=record-clip]').textContent));

    const video = await page.evaluate(decodeInPage, bytes.toString('base64'));
    assert(video.duration > 1.5 && video.duration <= recordedFor + 0.5, `the time recorded (${video.duration} s of ${recordedFor} s)`);
    const graph = await page.getByTestId('graph').boundingBox();
    assert(video.width === Math.min(1280, 2 * Math.round(graph.width / 2)), `the graph's width (${video.width} for ${graph.width})`);
    assert(video.height > video.width * 0.3, `a frame with the graph and its caption (${video.width} × ${video.height})`);
    writeFileSync(`${artifacts}record-clip-frame.png`, Buffer.from(video.frame.split(',')[1], 'base64'));
    // The headline band above the graph and the legend band under it (frameComposition.js's geometry;
    // the legend's height depends on the browser's text widths, so it is read from the caption up).
    const frame = frameSize(graph);
    const bands = await page.evaluate(bandInk, { dataUrl: video.frame, bands: [
      { name: 'headline', top: 0, bottom: frame.headline.height },
      { name: 'graph top', top: frame.graphTop + 2, bottom: frame.graphTop + 12 },
      { name: 'legend', top: frame.graphTop + frame.graphHeight, bottom: video.height - frame.caption.height },
    ] });
    const [headline, graphTop, legend] = bands;
    assert(headline.bandShare > 0.6 && headline.ink > 300, `a headline band with its words above the graph: ${JSON.stringify(headline)}`);
    assert(graphTop.bandShare < 0.2, `the graph, not a band, under the headline band: ${JSON.stringify(graphTop)}`);
    assert(legend.bandShare > 0.5 && legend.ink > 300, `a legend band with its words under the graph: ${JSON.stringify(legend)}`);
    console.log(`       ${name}: ${bytes.length} bytes, ${video.width} × ${video.height}, ${video.duration.toFixed(2)} s; ${status}`);
  });

  harness.test('record clip: records the playing graph as a GIF of several frames, at most 800 px wide, named for the run', async (page) => {
    await page.goto(`${siteUrl}?scenario=liquidity_freeze&seed=42&policy=heuristic&speed=5`);
    await waitForGraph(page, { nodes: 100 });
    const note = await page.locator('.record-gif-note').textContent();
    assert(note === 'GIF of the graph, 10 frames a second, at most 800 px wide; stops by itself after 20 s or 16 MB.', note);
    await page.getByTestId('play-pause').click();
    await waitForTimestep(page, 2);
    const started = Date.now();
    await page.getByTestId('record-gif').click();
    await page.waitForFunction(() => /Stop recording/.test(document.querySelector('[data-testid=record-gif]').textContent));
    // How smoothly the page draws while each frame is encoded: animation frames in one second.
    const pageFps = await page.evaluate(() => new Promise((resolve) => {
      let n = 0;
      const t0 = performance.now();
      const count = () => { n++; if (performance.now() - t0 < 1000) requestAnimationFrame(count); else resolve(n); };
      requestAnimationFrame(count);
    }));
    await page.waitForTimeout(Math.max(0, 2200 - (Date.now() - started)));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('record-gif').click()]);
    const recordedFor = (Date.now() - started) / 1000;

    const name = download.suggestedFilename();
    assert(/^finsim-liquidity_freeze-seed42-heuristic-steps\d+-\d+\.gif$/.test(name), name);
    const bytes = readFileSync(await download.path());
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(`${artifacts}record-gif.gif`, bytes);
    const gif = gifStructure(new Uint8Array(bytes));
    assert(gif.version === 'GIF89a', gif.version);
    const graph = await page.getByTestId('graph').boundingBox();
    assert(gif.width === Math.min(800, 2 * Math.round(graph.width / 2)) && gif.height > gif.width * 0.3, `a frame of the graph at most 800 px wide (${gif.width} × ${gif.height})`);
    assert(gif.frames.length > 1, `several frames (${gif.frames.length})`);
    const decoded = await page.evaluate(decodeGifInPage, bytes.toString('base64'));
    assert(decoded.count === gif.frames.length, `Chromium decodes every frame (${decoded.count} of ${gif.frames.length})`);
    writeFileSync(`${artifacts}record-gif-frame.png`, Buffer.from(decoded.frame.split(',')[1], 'base64'));
    const played = gif.frames.reduce((sum, f) => sum + f.delayMs, 0) / 1000;
    assert(played > 1.2 && played <= recordedFor + 0.5, `it plays about as long as it was recorded (${played} s of ${recordedFor} s)`);
    assert(bytes.length > 20_000 && bytes.length < 16 * 2 ** 20, `a plausible size (${bytes.length} bytes)`);
    const status = await page.getByTestId('record-clip-status').textContent();
    assert(status.startsWith(`Saved ${name} (`) && status.includes(`GIF, ${gif.frames.length} frames)`), status);
    console.log(`       ${name}: ${bytes.length} bytes, ${gif.width} × ${gif.height}, ${gif.frames.length} frames, plays ${played.toFixed(1)} s `
      + `of ${recordedFor.toFixed(1)} s recorded; the page drew ${pageFps} frames/s while recording`);
  });

  harness.test('record clip: a browser without MediaRecorder is told so, with no button', async (page) => {
    await page.addInitScript(() => { delete window.MediaRecorder; });
    await page.goto(`${siteUrl}?scenario=calm`);
    await waitForGraph(page);
    const text = await page.getByTestId('record-clip-unavailable').textContent();
    assert(text === 'Recording is not available in this browser (it has no MediaRecorder).', text);
    assert(await page.getByTestId('record-clip').count() === 0, 'no record button');
    assert(await page.getByTestId('record-gif').isEnabled(), 'a GIF, which needs no MediaRecorder, is still offered');
  });
}
