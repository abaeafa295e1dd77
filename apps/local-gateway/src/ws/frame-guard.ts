import type { Duplex } from 'node:stream';

/**
 * Watches the raw bytes a client sends and calls `onTooLarge` when a frame header announces a
 * payload over `maxFrameBytes`.
 *
 * Why a second parser: `ws`'s `maxPayload` bounds a whole (possibly fragmented) message, while
 * API Gateway also bounds each frame (32 KB) and closes with 1009 above it. Reading only the
 * frame headers (RFC 6455 §5.2) on the same byte stream, ahead of `ws`'s own listener, finds an
 * oversized frame before its payload has even arrived, without touching `ws` internals.
 */
export function watchFrameSizes(socket: Duplex, maxFrameBytes: number, onTooLarge: () => void): () => void {
  // The longest header is 14 bytes (2, an 8-byte length, a 4-byte mask). One buffer per
  // connection, filled in place: no allocation per frame on the message path.
  const header = Buffer.alloc(14);
  let headerBytes = 0;
  let skipBytes = 0;
  let stopped = false;

  const headerLength = (): number => {
    if (headerBytes < 2) return 2;
    const len7 = header[1]! & 0x7f;
    const extended = len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
    const mask = header[1]! & 0x80 ? 4 : 0;
    return 2 + extended + mask;
  };
  const payloadLength = (): number => {
    const len7 = header[1]! & 0x7f;
    if (len7 === 126) return header.readUInt16BE(2);
    if (len7 === 127) return Number(header.readBigUInt64BE(2));
    return len7;
  };

  const onData = (chunk: Buffer) => {
    let offset = 0;
    while (!stopped && offset < chunk.length) {
      if (skipBytes > 0) {
        const n = Math.min(skipBytes, chunk.length - offset);
        skipBytes -= n;
        offset += n;
        continue;
      }
      // Grow the header one known step at a time: 2 bytes, then the extended length and mask.
      const take = Math.min(headerLength() - headerBytes, chunk.length - offset);
      chunk.copy(header, headerBytes, offset, offset + take);
      headerBytes += take;
      offset += take;
      if (headerBytes < headerLength()) continue;
      const length = payloadLength();
      headerBytes = 0;
      if (length > maxFrameBytes) {
        stop();
        onTooLarge();
        return;
      }
      skipBytes = length;
    }
  };
  const stop = () => {
    stopped = true;
    socket.removeListener('data', onData);
  };
  socket.prependListener('data', onData);
  return stop;
}
