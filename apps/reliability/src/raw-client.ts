import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { WaitTimeoutError } from './errors.js';

/** WebSocket opcodes (RFC 6455 §5.2). */
export const opcodes = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

/** A frame the server sent (servers never mask). */
export interface ServerFrame {
  opcode: number;
  fin: boolean;
  payload: Buffer;
}

/** Options of one client frame. */
export interface FrameOptions {
  /** @default true */
  fin?: boolean;
  /** Clients must mask; false sends a protocol violation on purpose. @default true */
  mask?: boolean;
  /** RSV1-3 bits (0-7); non-zero is a protocol violation without an extension. @default 0 */
  rsv?: number;
}

/**
 * A WebSocket client on a bare TCP socket: it completes the handshake, then does only what the
 * scenario says. It never answers a ping by itself, so it can play a peer that went silent
 * (half-open) or one that stops reading (`pauseReading`), and it can send any frame at all.
 */
export interface RawClient {
  socket: Socket;
  /** Frames received so far (while reading). */
  frames: ServerFrame[];
  /** Resolves when the TCP connection has closed (by either side). */
  closed: Promise<void>;
  sendFrame(opcode: number, payload: Buffer, options?: FrameOptions): void;
  sendText(text: string): void;
  /** Writes bytes as they are. */
  sendRaw(bytes: Buffer): void;
  /** Stops reading: the kernel buffers fill and the server's writes back up. */
  pauseReading(): void;
  /** Resolves with the first text frame (received or coming) that `match`es. */
  waitForText(match: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Destroys the socket (no close frame). */
  destroy(): void;
}

/** Encodes one client frame. */
export function encodeFrame(opcode: number, payload: Buffer, options: FrameOptions = {}): Buffer {
  const fin = options.fin ?? true;
  const mask = options.mask ?? true;
  const length = payload.length;
  const lengthBytes = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const header = Buffer.alloc(2 + lengthBytes + (mask ? 4 : 0));
  header[0] = (fin ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | (opcode & 0x0f);
  header[1] = (mask ? 0x80 : 0) | (lengthBytes === 0 ? length : lengthBytes === 2 ? 126 : 127);
  if (lengthBytes === 2) header.writeUInt16BE(length, 2);
  if (lengthBytes === 8) header.writeBigUInt64BE(BigInt(length), 2);
  if (!mask) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  key.copy(header, 2 + lengthBytes);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ key[i % 4]!;
  return Buffer.concat([header, masked]);
}

/** Parses as many whole server frames as `buffer` holds; returns them and the rest. */
function parseFrames(buffer: Buffer): { frames: ServerFrame[]; rest: Buffer } {
  const frames: ServerFrame[] = [];
  let offset = 0;
  while (buffer.length - offset >= 2) {
    const b0 = buffer[offset]!;
    const b1 = buffer[offset + 1]!;
    let length = b1 & 0x7f;
    let headerLength = 2;
    if (length === 126) {
      if (buffer.length - offset < 4) break;
      length = buffer.readUInt16BE(offset + 2);
      headerLength = 4;
    } else if (length === 127) {
      if (buffer.length - offset < 10) break;
      length = Number(buffer.readBigUInt64BE(offset + 2));
      headerLength = 10;
    }
    if (buffer.length - offset < headerLength + length) break;
    const start = offset + headerLength;
    frames.push({
      opcode: b0 & 0x0f,
      fin: (b0 & 0x80) !== 0,
      payload: buffer.subarray(start, start + length),
    });
    offset = start + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

/** Opens a raw client on `url` (`ws://host:port/path`); `tag` goes in `x-test-client`. */
export function openRawClient(
  url: string,
  options: { tag?: string; timeoutMs?: number } = {},
): Promise<RawClient> {
  const { hostname, port, pathname, search } = new URL(url);
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const frames: ServerFrame[] = [];
    const waiters = new Set<() => void>();
    let pending = Buffer.alloc(0);
    let upgraded = false;
    const closed = new Promise<void>((resolveClosed) => socket.once('close', () => resolveClosed()));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new WaitTimeoutError(`raw handshake with ${url} took over ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('error', (error) => {
      if (!upgraded) {
        clearTimeout(timer);
        reject(error);
      }
    });
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      if (!upgraded) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.subarray(0, end).toString('latin1');
        pending = pending.subarray(end + 4);
        clearTimeout(timer);
        if (!head.startsWith('HTTP/1.1 101')) {
          socket.destroy();
          reject(new Error(`raw handshake refused: ${head.split('\r\n')[0]}`));
          return;
        }
        upgraded = true;
        resolve(client);
      }
      const parsed = parseFrames(pending);
      pending = Buffer.from(parsed.rest);
      frames.push(...parsed.frames);
      if (parsed.frames.length > 0) for (const wake of waiters) wake();
    });
    const client: RawClient = {
      socket,
      frames,
      closed,
      sendFrame: (opcode, payload, frameOptions) => {
        if (!socket.destroyed) socket.write(encodeFrame(opcode, payload, frameOptions));
      },
      sendText: (text) => client.sendFrame(opcodes.text, Buffer.from(text, 'utf8')),
      sendRaw: (bytes) => {
        if (!socket.destroyed) socket.write(bytes);
      },
      pauseReading: () => socket.pause(),
      waitForText(match, waitMs = 10_000) {
        const find = () =>
          frames
            .find((f) => f.opcode === opcodes.text && match(f.payload.toString('utf8')))
            ?.payload.toString('utf8');
        const found = find();
        if (found !== undefined) return Promise.resolve(found);
        return new Promise((resolveText, rejectText) => {
          const waitTimer = setTimeout(() => {
            waiters.delete(check);
            rejectText(new WaitTimeoutError(`raw client: no matching text frame within ${waitMs} ms`));
          }, waitMs);
          const check = () => {
            const text = find();
            if (text === undefined) return;
            clearTimeout(waitTimer);
            waiters.delete(check);
            resolveText(text);
          };
          waiters.add(check);
        });
      },
      destroy: () => socket.destroy(),
    };
    const headers = [
      `GET ${pathname}${search} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      ...(options.tag ? [`x-test-client: ${options.tag}`] : []),
    ];
    socket.write(`${headers.join('\r\n')}\r\n\r\n`);
  });
}
