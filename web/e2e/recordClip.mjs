// "Record clip" (web/src/export/RecordClip.jsx): play a run, record about 2 s of the graph, stop, and
// check the download is a WebM video that Chromium decodes; and that a browser without MediaRecorder is
// told so. The decoded middle frame goes to build/e2e-artifacts/record-clip-frame.png, the control while
// recording to record-clip-control.png (look at them).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assert } from './harness.mjs';
import { timestep, waitForGraph, waitForTimestep } from './pageHelpers.mjs';

const artifacts = fileURLToPath(new URL('../../build/e2e-artifacts/', import.meta.url));

/** Loads the clip into a <video> in the page: its size, its duration (found by seeking past the end: a
 *  recorded WebM states none) and its middle frame as a PNG data URL. */
function decodeInPage(base64) {
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
    console.log(`       ${name}: ${bytes.length} bytes, ${video.width} × ${video.height}, ${video.duration.toFixed(2)} s; ${status}`);
  });

  harness.test('record clip: a browser without MediaRecorder is told so, with no button', async (page) => {
    await page.addInitScript(() => { delete window.MediaRecorder; });
    await page.goto(`${siteUrl}?scenario=calm`);
    await waitForGraph(page);
    const text = await page.getByTestId('record-clip-unavailable').textContent();
    assert(text === 'Recording is not available in this browser (it has no MediaRecorder).', text);
    assert(await page.getByTestId('record-clip').count() === 0, 'no record button');
  });
}
