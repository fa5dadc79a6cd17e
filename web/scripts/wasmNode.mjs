// Loads the Node (CommonJS) build of the engine: wasm/dist/finsim-node.cjs with its .wasm passed as
// wasmBinary (a web build cannot fetch a file path under Node; see toolchain.md). FINSIM_WASM_NODE_DIR
// names another folder holding finsim-node.cjs and finsim-node.wasm (e.g. a build without SIMD, to
// compare in the learning benchmark).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function loadWasmEngine() {
  const require = createRequire(import.meta.url);
  const dir = resolve(process.env.FINSIM_WASM_NODE_DIR ?? `${repoRoot}wasm/dist`);
  const create = require(`${dir}/finsim-node.cjs`);
  return create({ wasmBinary: readFileSync(`${dir}/finsim-node.wasm`) });
}
