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
    // Burns 300 ms of its own thread's CPU (not of wall time: the machine may be busy), says so,
    // and stays alive until told, since an exited thread's CPU is no longer counted.
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       const used = () => { const u = process.threadCpuUsage(); return (u.user + u.system) / 1000; };
       while (used() < 300);
       parentPort.postMessage('done');
       parentPort.once('message', () => process.exit(0));`,
      { eval: true, name: 'fn:busy' },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    const during = readGroupCpuMs(process.pid);
    const perUnit = counting.end(1);
    worker.postMessage('exit');
    await new Promise((resolve) => worker.once('exit', resolve));

    expect(during.functions - before.functions).toBeGreaterThanOrEqual(250);
    expect(during.main - before.main).toBeLessThan(during.functions - before.functions);
    expect(perUnit.server.functions).toBeGreaterThanOrEqual(250_000);
  });
});
