// End-to-end tests of the built site (web/dist) in Debian's Chromium: served from a sub-path by a
// static server (worker mode) and by the real finsim-server (server mode). Usage: npm run e2e
// [-- name-filter]. Builds web/dist first if it is missing; the server must be built (scripts/build.sh).
// FINSIM_WEB_DIST names another built site (vite build --outDir DIR), so that two builds can be tested
// side by side.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './staticServer.mjs';
import { launchBrowser } from './browser.mjs';
import { createHarness } from './harness.mjs';
import { workerModeTests } from './workerMode.mjs';
import { serverModeTests } from './serverMode.mjs';
import { portfolioTests } from './portfolios.mjs';
import { trainPanelTests } from './trainPanel.mjs';
import { whyTests } from './why.mjs';
import { rewindTests } from './rewind.mjs';
import { compareTests } from './compare.mjs';
import { layoutTests } from './layout.mjs';
import { recordClipTests } from './recordClip.mjs';
import { graphSizeTests } from './graphSize.mjs';

const webRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = process.env.FINSIM_WEB_DIST || `${webRoot}dist`;
if (!existsSync(`${dist}/index.html`))
  execFileSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir'], { cwd: webRoot, stdio: 'inherit' });

const site = await serveStatic({ root: dist, prefix: '/finsim/' });
const browser = await launchBrowser();
let failed = 1;
try {
  const harness = createHarness({ context: browser.context });
  workerModeTests(harness, { siteUrl: site.url });
  trainPanelTests(harness, { siteUrl: site.url });
  await serverModeTests(harness, { dist });
  portfolioTests(harness, { siteUrl: site.url, dist });
  whyTests(harness, { siteUrl: site.url, dist });
  rewindTests(harness, { siteUrl: site.url });
  compareTests(harness, { siteUrl: site.url, dist });
  layoutTests(harness, { siteUrl: site.url });
  recordClipTests(harness, { siteUrl: site.url });
  graphSizeTests(harness, { siteUrl: site.url });
  failed = await harness.run({ only: process.argv[2] });
} finally {
  await browser.close();
  await site.close();
}
process.exit(failed ? 1 : 0);
