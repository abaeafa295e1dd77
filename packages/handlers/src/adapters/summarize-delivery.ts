import type { DeliveryReport } from './notifier.js';

/** A delivery report for a log line: counts and the first few failures, so a room of thousands does not make a huge line. */
export function summarizeDelivery(report: DeliveryReport) {
  return {
    delivered: report.delivered,
    gone: report.gone.length,
    failed: report.failed.length,
    ...(report.failed.length ? { failures: report.failed.slice(0, 5) } : {}),
  };
}
