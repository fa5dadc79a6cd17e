// Reads a GIF's structure (GIF89a, "Graphics Interchange Format" 89a §17–§23): its version, its logical
// screen's size, and each image with the delay of its Graphic Control Extension. Enough to check an
// exported GIF without a decoder; used by the end-to-end test and gifRecorder.test.js. Throws on a file
// that is not a well-formed GIF.

/** {version, width, height, frames: [{delayMs}]} of the GIF in `bytes` (a Uint8Array). */
export function gifStructure(bytes) {
  const text = (from, to) => String.fromCharCode(...bytes.subarray(from, to));
  const u16 = (at) => bytes[at] | (bytes[at + 1] << 8);
  const version = text(0, 6);
  if (version !== 'GIF89a' && version !== 'GIF87a') throw new Error(`not a GIF (${JSON.stringify(version)})`);
  const width = u16(6);
  const height = u16(8);
  let at = 13 + (bytes[10] & 0x80 ? 3 * 2 ** ((bytes[10] & 7) + 1) : 0);  // after the global colour table
  const skipSubBlocks = () => { while (bytes[at] !== 0) { if (at >= bytes.length) throw new Error('truncated GIF'); at += bytes[at] + 1; } at += 1; };
  const frames = [];
  let delayMs = 0;
  for (;;) {
    const block = bytes[at];
    if (block === 0x3b) break;  // trailer
    if (block === 0x21) {  // extension
      if (bytes[at + 1] === 0xf9) delayMs = u16(at + 4) * 10;
      at += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {  // image descriptor, local colour table, LZW data
      const packed = bytes[at + 9];
      at += 10 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0) + 1;
      skipSubBlocks();
      frames.push({ delayMs });
      delayMs = 0;
    } else {
      throw new Error(`unexpected block 0x${block?.toString(16)} at byte ${at}`);
    }
  }
  return { version, width, height, frames };
}
