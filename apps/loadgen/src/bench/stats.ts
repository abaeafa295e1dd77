/** A figure measured over several runs. */
export interface RunStats {
  median: number;
  min: number;
  max: number;
  /** Every run's value, in order. */
  runs: number[];
}

/** Median, min and max of the runs (median of an even count: the mean of the middle two). */
export function summarizeRuns(values: number[]): RunStats {
  if (values.length === 0) throw new Error('summarizeRuns: no runs');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    median: round(median),
    min: round(sorted[0]!),
    max: round(sorted.at(-1)!),
    runs: values.map(round),
  };
}

/** Three significant decimals are plenty for figures that vary by percent from run to run. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
