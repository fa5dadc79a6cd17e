// Loads the Node (CommonJS) build of the engine: wasm/dist/finsim-node.cjs with its .wasm passed as
// wasmBinary (a web build cannot fetch a file path under Node; see toolchain.md).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function loadWasmEngine() {
  const require = createRequire(import.meta.url);
  const create = require(`${repoRoot}wasm/dist/finsim-node.cjs`);
  return create({ wasmBinary: readFileSync(`${repoRoot}wasm/dist/finsim-node.wasm`) });
}
