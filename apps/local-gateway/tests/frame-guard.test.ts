import { PassThrough } from 'node:stream';
import { watchFrameSizes } from '../src/ws/frame-guard.js';

// A masked client frame header (RFC 6455 §5.2) for a text frame of `length` bytes.
function frameHeader(length: number): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  if (length < 126) return Buffer.concat([Buffer.from([0x81, 0x80 | length]), mask]);
  if (length < 65536) {
    const h = Buffer.from([0x81, 0x80 | 126, 0, 0]);
    h.writeUInt16BE(length, 2);
    return Buffer.concat([h, mask]);
  }
  const h = Buffer.alloc(10);
  h[0] = 0x81;
  h[1] = 0x80 | 127;
  h.writeBigUInt64BE(BigInt(length), 2);
  return Buffer.concat([h, mask]);
}

function feed(chunks: Buffer[], max: number): boolean {
  const socket = new PassThrough();
  let tooLarge = false;
  watchFrameSizes(socket, max, () => {
    tooLarge = true;
  });
  for (const chunk of chunks) socket.emit('data', chunk);
  return tooLarge;
}

describe('watchFrameSizes', () => {
  it('lets frames up to the bound through, across any chunking', () => {
    const stream = Buffer.concat([
      frameHeader(100),
      Buffer.alloc(100),
      frameHeader(1000),
      Buffer.alloc(1000),
    ]);
    const byteByByte = [...stream].map((b) => Buffer.from([b]));
    expect(feed([stream], 1000)).toBe(false);
    expect(feed(byteByByte, 1000)).toBe(false);
  });

  it('reports a frame over the bound from its header alone, even when the header is split', () => {
    const header = frameHeader(70_000);
    expect(feed([header.subarray(0, 1), header.subarray(1, 5), header.subarray(5)], 32_768)).toBe(true);
    const afterSmall = Buffer.concat([frameHeader(10), Buffer.alloc(10), frameHeader(40_000)]);
    expect(feed([afterSmall], 32_768)).toBe(true);
  });
});
