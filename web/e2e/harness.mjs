// A small test harness for the browser tests: named async tests run in order, each on a fresh page
// that fails on any console error or uncaught exception; prints "N passed, N failed" at the end.
export function createHarness({ context, consoleAllow = [] }) {
  const tests = [];
  return {
    test(name, fn, { allowConsole = [] } = {}) { tests.push({ name, fn, allowConsole }); },
    async run({ only } = {}) {
      let passed = 0;
      let failed = 0;
      const started = Date.now();
      for (const { name, fn, allowConsole } of tests) {
        if (only && !name.includes(only)) continue;
        const page = await context.newPage();
        const problems = [];
        page.on('console', (m) => {
          if (m.type() === 'error' && ![...consoleAllow, ...allowConsole].some((re) => re.test(m.text()))) problems.push(`console error: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        const t0 = Date.now();
        try {
          await fn(page);
          if (problems.length) throw new Error(problems.join('\n'));
          passed++;
          console.log(`  ok   ${name} (${Date.now() - t0} ms)`);
        } catch (error) {
          failed++;
          console.log(`  FAIL ${name} (${Date.now() - t0} ms)\n       ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n       ')}`);
        } finally {
          await page.close();
        }
      }
      console.log(`e2e: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return failed;
    },
  };
}

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
