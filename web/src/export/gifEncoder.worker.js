// The GIF encoder's worker (gifEncoding.js): frames in, their encoded size out after each, the whole GIF
// out on 'finish'. Messages: {type: 'frame', rgba, width, height, delayMs} → {type: 'encoded', frames,
// bytes}; {type: 'finish'} → {type: 'finished', gif: Uint8Array} (transferred); a failure → {type: 'error',
// message}.
import { createGifEncoding } from './gifEncoding.js';

const encoding = createGifEncoding();
let frames = 0;

self.onmessage = ({ data }) => {
  try {
    if (data.type === 'frame') {
      encoding.addFrame(data.rgba, data.width, data.height, data.delayMs);
      frames += 1;
      self.postMessage({ type: 'encoded', frames, bytes: encoding.size() });
    } else if (data.type === 'finish') {
      const gif = encoding.finish();
      self.postMessage({ type: 'finished', gif }, [gif.buffer]);
    }
  } catch (error) {
    self.postMessage({ type: 'error', message: String(error?.message ?? error) });
  }
};
