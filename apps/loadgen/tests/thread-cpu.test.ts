import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { cpuWindow, groupOf, perUnitMicros, readGroupCpuMs, totalOf } from '../src/bench/thread-cpu.js';

describe('groupOf', () => {
  it('tells the gateway’s threads apart by id and name', () => {
    expect(groupOf(100, 100, 'node')).toBe('main');
    expect(groupOf(101, 100, 'fn:authorize')).toBe('functions');
    expect(groupOf(102, 100, 'dynalite')).toBe('dynalite');
    expect(groupOf(103, 100, 'V8Worker')).toBe('v8');
    expect(groupOf(104, 100, 'libuv-worker')).toBe('other');
  });
});

describe('perUnitMicros', () => {
  it('turns two readings in ms into µs per unit, group by group', () => {
    const before = { main: 100, functions: 50, dynalite: 0, v8: 10, other: 0 };
    const after = { main: 130, functions: 70, dynalite: 0, v8: 20, other: 0 };
    const perUnit = perUnitMicros(before, after, 1000);
    expect(perUnit).toEqual({ main: 30, functions: 20, dynalite: 0, v8: 10, other: 0 });
    expect(totalOf(perUnit)).toBe(60);
    expect(totalOf(perUnitMicros(before, after, 0))).toBe(0);
  });
});

(existsSync('/proc/self/task') ? describe : describe.skip)('reading /proc', () => {
  it('charges a busy thread named fn:<function> to the function environments, not the main thread', async () => {
    const counting = cpuWindow(process.pid);
    const before = readGroupCpuMs(process.pid);
    const worker = new Worker('const end = Date.now() + 300; while (Date.now() < end);', {
      eval: true,
      name: 'fn:busy',
    });
    // Read while it is still alive: an exited thread's CPU is no longer counted.
    await new Promise<void>((resolve) => worker.once('online', () => setTimeout(resolve, 250)));
    const during = readGroupCpuMs(process.pid);
    const perUnit = counting.end(1);
    await new Promise((resolve) => worker.once('exit', resolve));

    expect(during.functions - before.functions).toBeGreaterThanOrEqual(100);
    expect(during.main - before.main).toBeLessThan(during.functions - before.functions);
    expect(perUnit.server.functions).toBeGreaterThanOrEqual(100_000);
  });
});
