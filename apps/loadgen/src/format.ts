import type { LatencySummary } from './histogram.js';
import type { LoadProgress, LoadSummary } from './run-load.js';

const fixed = (n: number, digits = 0) => n.toFixed(digits);
const latencyLine = (l: LatencySummary) =>
  `p50 ${fixed(l.p50, 2)} ms  p95 ${fixed(l.p95, 2)} ms  p99 ${fixed(l.p99, 2)} ms  max ${fixed(l.max, 2)} ms  (n=${l.count})`;

/** The human-readable summary `switchboard-load` prints without `--json`. */
export function formatSummary(summary: LoadSummary): string {
  const { connect } = summary;
  const lines = [
    `switchboard-load ${summary.mode} ${summary.url}`,
    `connections  ${connect.opened}/${connect.requested} opened, ${connect.failed} failed, ${fixed(connect.perSecond)} connects/s; handshake ${latencyLine(connect.handshakeMs)}`,
  ];
  for (const [reason, count] of Object.entries(connect.errors)) lines.push(`  failed x${count}: ${reason}`);
  const rt = summary.roundTrip;
  if (rt) {
    lines.push(
      `messages     ${rt.sent} sent, ${rt.received} received, ${rt.rejected} rejected, ${rt.lost} LOST, ${fixed(rt.perSecond)} msgs/s over ${fixed(rt.elapsedMs / 1000, 2)} s${rt.stoppedBy === 'duration' ? ' (stopped by --duration)' : ''}`,
      `latency      ${latencyLine(rt.latencyMs)}`,
    );
    if (rt.late) lines.push(`late         ${rt.late} answers arrived after their request was counted lost`);
    if (rt.otherFrames) lines.push(`other        ${rt.otherFrames} frames answered no request`);
  }
  const bc = summary.broadcast;
  if (bc) {
    lines.push(
      `room         ${bc.members} members (${bc.joinFailures} failed to join); join ${latencyLine(bc.joinMs)}`,
      `rounds       ${bc.completeRounds}/${bc.rounds} complete to ${bc.receiversPerRound} receivers, ${bc.deliveries} deliveries, ${bc.lost} LOST${bc.stoppedBy === 'duration' ? ' (stopped by --duration)' : ''}`,
      `time to all  ${latencyLine(bc.timeToAllMs)}`,
      `delivery     ${latencyLine(bc.deliveryMs)}`,
    );
  }
  const errors = rt ?? bc;
  if (errors?.errorFrames) {
    lines.push(`errors       ${errors.errorFrames} error frames, e.g.`);
    for (const sample of errors.errorSamples) lines.push(`  ${sample}`);
  }
  if (summary.closedEarly)
    lines.push(`closed early ${summary.closedEarly} connections closed by the server or network`);
  return lines.join('\n');
}

/** One live progress line for a terminal. */
export function formatProgress(p: LoadProgress): string {
  const seconds = fixed(p.elapsedMs / 1000, 1);
  const rate = p.elapsedMs > 0 ? fixed((p.received * 1000) / p.elapsedMs) : '0';
  return `[${seconds}s] ${p.phase}: ${p.opened} open, ${p.failed} failed, ${p.sent} sent, ${p.received} received (${rate}/s avg), ${p.lost} lost`;
}
