import type { Prng } from './prng.js';
import { type FrameOptions, opcodes } from './raw-client.js';

/** What the gateway must do with a fuzz frame. */
export type FuzzExpectation =
  /** Answer with at least one text frame (the AWS error frame, the protocol's `error`, or a reply). */
  | { kind: 'reply' }
  /** Close the connection with one of these codes. */
  | { kind: 'close'; codes: number[] };

/** One fuzz case: the frames to write and what must follow. */
export interface FuzzCase {
  family: string;
  frames: Array<{ opcode: number; payload: Buffer; options?: FrameOptions }>;
  expect: FuzzExpectation;
}

const reply: FuzzExpectation = { kind: 'reply' };
const text = (payload: string | Buffer, options?: FrameOptions) => ({
  opcode: opcodes.text,
  payload: typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload,
  ...(options ? { options } : {}),
});

/** Well-formed messages the mutations start from (rooms never collide with the calm clients'). */
const seeds: Array<Record<string, unknown>> = [
  { action: 'ping', requestId: 'p1' },
  { action: 'join', room: 'fuzz', requestId: 'j1' },
  { action: 'leave', room: 'fuzz', requestId: 'l1' },
  { action: 'send', room: 'fuzz', text: 'hello', requestId: 's1' },
  { action: 'submitJob', input: { text: 'work', durationMs: 10 }, requestId: 'k1' },
];

/** Values of a type no field of any action accepts in that place. */
const wrongValues: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -0,
  '',
  ' ',
  'x'.repeat(5000),
  '\u0000\uffff',
  [],
  [1, 2],
  {},
  { nested: { deeper: [null] } },
  9007199254740993n.toString(),
];

function wrongType(rng: Prng): FuzzCase {
  const seed = rng.pick(seeds);
  const fields = Object.keys(seed).filter((f) => f !== 'requestId');
  const field = rng.pick(fields);
  let value = rng.pick(wrongValues);
  // A wrong value that happens to be right for the field would be answered normally; still a reply.
  if (field === 'input' && rng.chance(0.5))
    value = { text: rng.pick(wrongValues), durationMs: rng.pick(wrongValues) };
  return {
    family: `wrong type: ${String(seed.action)}.${field}`,
    frames: [text(JSON.stringify({ ...seed, [field]: value }))],
    expect: reply,
  };
}

function truncated(rng: Prng): FuzzCase {
  const json = JSON.stringify(rng.pick(seeds));
  return {
    family: 'truncated JSON',
    frames: [text(json.slice(0, rng.int(1, json.length - 1)))],
    expect: reply,
  };
}

function deeplyNested(rng: Prng): FuzzCase {
  const depth = rng.int(100, 15_000);
  const open = rng.chance(0.5) ? '['.repeat(depth) : '{"a":'.repeat(Math.floor(depth / 5));
  const close = open.startsWith('[') ? ']'.repeat(depth) : '}'.repeat(Math.floor(depth / 5));
  return {
    family: 'deeply nested JSON',
    frames: [text(`{"action":"join","room":${open}1${close}}`.slice(0, 32_000))],
    expect: reply,
  };
}

function hugeNumber(rng: Prng): FuzzCase {
  const number = rng.pick([
    '1e999',
    '-1e999',
    '123456789012345678901234567890',
    '0.0000000000000000000001',
    '-0',
    '1E+400',
  ]);
  const body = rng.chance(0.5)
    ? `{"action":"submitJob","input":{"text":"n","durationMs":${number}}}`
    : `{"action":${number},"room":${number}}`;
  return { family: 'huge numbers', frames: [text(body)], expect: reply };
}

function invalidUtf8(rng: Prng): FuzzCase {
  const bad = rng.pick([
    Buffer.from([0xff]),
    Buffer.from([0xc3, 0x28]),
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  ]);
  const payload = Buffer.concat([Buffer.from('{"action":"send","text":"'), bad, Buffer.from('"}')]);
  // RFC 6455 §8.1: invalid UTF-8 in a text message fails the connection with 1007.
  return { family: 'invalid UTF-8', frames: [text(payload)], expect: { kind: 'close', codes: [1007] } };
}

function randomText(rng: Prng): FuzzCase {
  const bytes = rng.bytes(rng.int(1, 200)).map((b) => 0x20 + (b % 0x5f));
  return { family: 'random printable text', frames: [text(Buffer.from(bytes))], expect: reply };
}

function fragmented(rng: Prng): FuzzCase {
  const json = Buffer.from(JSON.stringify({ action: 'ping', requestId: `f${rng.int(0, 1e6)}` }));
  const cut = rng.int(1, json.length - 1);
  return {
    family: 'fragmented message',
    frames: [
      { opcode: opcodes.text, payload: json.subarray(0, cut), options: { fin: false } },
      { opcode: opcodes.continuation, payload: json.subarray(cut) },
    ],
    expect: reply,
  };
}

function oversize(rng: Prng): FuzzCase {
  if (rng.chance(0.5)) {
    // One frame over API Gateway's 32 KB frame limit.
    return {
      family: 'oversize frame',
      frames: [text('x'.repeat(33 * 1024))],
      expect: { kind: 'close', codes: [1009] },
    };
  }
  // Fragments of 30 KB each, 150 KB in all: over the 128 KB message limit.
  const piece = Buffer.alloc(30 * 1024, 0x61);
  return {
    family: 'oversize fragmented message',
    frames: [
      { opcode: opcodes.text, payload: piece, options: { fin: false } },
      ...Array.from({ length: 3 }, () => ({
        opcode: opcodes.continuation,
        payload: piece,
        options: { fin: false },
      })),
      { opcode: opcodes.continuation, payload: piece },
    ],
    expect: { kind: 'close', codes: [1009] },
  };
}

function binary(rng: Prng): FuzzCase {
  return {
    family: 'binary frame',
    frames: [{ opcode: opcodes.binary, payload: rng.bytes(rng.int(1, 100)) }],
    expect: { kind: 'close', codes: [1003] },
  };
}

function protocolViolation(rng: Prng): FuzzCase {
  const ping = Buffer.from('{"action":"ping"}');
  const variant = rng.int(0, 3);
  const frames = [
    { opcode: opcodes.text, payload: ping, options: { mask: false } },
    { opcode: opcodes.text, payload: ping, options: { rsv: 4 } },
    { opcode: 0x3, payload: ping },
    { opcode: opcodes.continuation, payload: ping },
  ];
  // RFC 6455: each is a protocol error (1002).
  return {
    family: 'protocol violation',
    frames: [frames[variant]!],
    expect: { kind: 'close', codes: [1002] },
  };
}

const families: Array<[number, (rng: Prng) => FuzzCase]> = [
  [30, wrongType],
  [12, truncated],
  [5, deeplyNested],
  [8, hugeNumber],
  [10, randomText],
  [8, fragmented],
  [3, invalidUtf8],
  [2, oversize],
  [2, binary],
  [3, protocolViolation],
];
const totalWeight = families.reduce((sum, [weight]) => sum + weight, 0);

/** The next fuzz case; the same seed gives the same sequence. */
export function nextFuzzCase(rng: Prng): FuzzCase {
  let roll = rng.int(0, totalWeight - 1);
  for (const [weight, make] of families) {
    if (roll < weight) return make(rng);
    roll -= weight;
  }
  return wrongType(rng);
}
