import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { Measured } from './measures.js';

interface JobEvent {
  type?: string;
  requestId?: string;
  jobId?: string;
}

/**
 * `submitJob` -> `jobCompleted` through the local Step Functions, one job at a time on one
 * connection. The job is asked to take no time (`durationMs: 0`), so the figure is the
 * gateway + workflow overhead. The first job is a warm-up.
 */
export async function measureJobRoundTrip(
  url: string,
  { jobs, timeoutMs = 30_000 }: { jobs: number; timeoutMs?: number },
): Promise<Measured> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const values: number[] = [];
  const notes: string[] = [];
  try {
    for (let n = 0; n <= jobs; n++) {
      const outcome = await runJob(socket, `bench-job-${n}`, timeoutMs);
      if (typeof outcome === 'string') notes.push(outcome);
      else if (n > 0) values.push(outcome);
    }
  } finally {
    socket.close();
  }
  return { values, notes: [...new Set(notes)] };
}

/** Milliseconds from submit to `jobCompleted`, or why there was none. */
function runJob(socket: WebSocket, requestId: string, timeoutMs: number): Promise<number | string> {
  return new Promise((resolve) => {
    const sentAt = performance.now();
    let jobId: string | undefined;
    // The workflow's events may overtake \`jobAccepted\`; keep them until the job id is known.
    const early = new Map<string, { type: string; at: number; text: string }>();
    const done = (outcome: number | string) => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve(outcome);
    };
    const timer = setTimeout(
      () => done(`job ${jobId ?? requestId} not completed within ${timeoutMs} ms`),
      timeoutMs,
    );
    const onMessage = (data: WebSocket.RawData) => {
      let event: JobEvent;
      try {
        event = JSON.parse(data.toString());
      } catch {
        return;
      }
      const at = performance.now();
      if (event.type === 'jobAccepted' && event.requestId === requestId) {
        jobId = event.jobId;
        const earlier = jobId === undefined ? undefined : early.get(jobId);
        if (earlier?.type === 'jobCompleted') done(earlier.at - sentAt);
        else if (earlier?.type === 'jobFailed') done(`job failed: ${earlier.text}`);
      } else if (jobId === undefined && event.jobId && event.type) {
        if (event.type !== 'jobProgress')
          early.set(event.jobId, { type: event.type, at, text: String(data) });
      } else if (event.type === 'error' && event.requestId === requestId) done(`submitJob refused: ${data}`);
      else if (jobId !== undefined && event.jobId === jobId) {
        if (event.type === 'jobCompleted') done(at - sentAt);
        else if (event.type === 'jobFailed') done(`job failed: ${data}`);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ action: 'submitJob', requestId, input: { text: 'bench', durationMs: 0 } }));
  });
}
