import { createBatchedStderrSink } from '../../src/runtime/index.js';

describe('createBatchedStderrSink', () => {
  it('writes the lines of one event-loop turn in one write, tagged with the function name', async () => {
    const writes: string[] = [];
    const sink = createBatchedStderrSink((text) => writes.push(text));

    sink({ functionName: 'rooms', stream: 'stdout', line: 'joined' });
    sink({ functionName: 'connect', stream: 'stderr', line: 'a warning' });
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));

    expect(writes).toEqual(['[rooms] joined\n[connect] a warning\n']);
  });

  it('flush() writes what is pending at once, and nothing twice', async () => {
    const writes: string[] = [];
    const sink = createBatchedStderrSink((text) => writes.push(text));

    sink({ functionName: 'rooms', stream: 'stdout', line: 'last words' });
    sink.flush();
    await new Promise((resolve) => setImmediate(resolve));

    expect(writes).toEqual(['[rooms] last words\n']);
  });
});
