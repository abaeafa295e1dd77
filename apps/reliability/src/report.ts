import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from './reference-app.js';
import { reliabilityMode } from './modes.js';

/** What one scenario tried and what it counted; the row of the suite's table. */
export interface ScenarioReport {
  scenario: string;
  /** What was tried, in a few words with the sizes (`500 clients, 250 dropped in 5 bursts`). */
  tried: string;
  /** Messages (or frames, or calls) sent. */
  sent: number;
  /** Of those, delivered (or answered) as they should be. */
  delivered: number;
  /** Expected deliveries that never arrived. */
  lost: number;
  /** `$disconnect` invocations seen. */
  disconnects: number;
  /** Store items left that belong to no live connection. */
  staleRows: number;
  durationMs: number;
  /** Anything else worth a number (RSS growth, 429s, retries). */
  notes?: string;
}

const columns: Array<[keyof ScenarioReport, string]> = [
  ['scenario', 'scenario'],
  ['tried', 'tried'],
  ['sent', 'sent'],
  ['delivered', 'delivered'],
  ['lost', 'lost'],
  ['disconnects', 'disconnects'],
  ['staleRows', 'stale rows'],
  ['durationMs', 'time'],
  ['notes', 'notes'],
];

function cell(report: ScenarioReport, key: keyof ScenarioReport): string {
  const value = report[key];
  if (key === 'durationMs') return `${((value as number) / 1000).toFixed(1)} s`;
  return value === undefined ? '' : String(value);
}

/** The reports as a Markdown table. */
export function formatReportTable(reports: readonly ScenarioReport[]): string {
  const header = `| ${columns.map(([, title]) => title).join(' | ')} |`;
  const rule = `| ${columns.map(() => '---').join(' | ')} |`;
  const rows = reports.map((report) => `| ${columns.map(([key]) => cell(report, key)).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

/** Where the reports of the current mode's last run are kept (git-ignored). */
export function resultsFile(mode = reliabilityMode()): string {
  return join(fixturePath('..'), '.reliability', `results-${mode}.json`);
}

function readResults(file: string): Record<string, ScenarioReport> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, ScenarioReport>;
  } catch {
    return {};
  }
}

/**
 * Prints a scenario's table row (with the header, so each scenario's output stands alone) and
 * keeps it in the results file, from which `pnpm --filter @switchboard/reliability table`
 * prints the table for docs/reliability.md.
 */
export function reportScenario(report: ScenarioReport): void {
  process.stdout.write(`\n${formatReportTable([report])}\n`);
  const file = resultsFile();
  mkdirSync(join(file, '..'), { recursive: true });
  const results = readResults(file);
  results[report.scenario] = report;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** Every kept report of a mode, in scenario order. */
export function readReports(mode = reliabilityMode()): ScenarioReport[] {
  return Object.values(readResults(resultsFile(mode))).sort((a, b) => a.scenario.localeCompare(b.scenario));
}
