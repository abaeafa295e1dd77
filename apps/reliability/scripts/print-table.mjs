// Prints the kept reports of a mode (`ci` or `full`) as the Markdown table of docs/reliability.md.
import { readFileSync } from 'node:fs';

const mode = process.argv[2] ?? 'full';
const file = new URL(`../.reliability/results-${mode}.json`, import.meta.url);
const reports = Object.values(JSON.parse(readFileSync(file, 'utf8'))).sort((a, b) =>
  a.scenario.localeCompare(b.scenario),
);
const columns = [
  'scenario',
  'tried',
  'sent',
  'delivered',
  'lost',
  'disconnects',
  'staleRows',
  'durationMs',
  'notes',
];
const headers = { staleRows: 'stale rows', durationMs: 'time' };
console.log(
  `| ${columns.map((c) => headers[c] ?? c).join(' | ')} |\n| ${columns.map(() => '---').join(' | ')} |`,
);
for (const r of reports) {
  console.log(
    `| ${columns.map((c) => (c === 'durationMs' ? `${(r[c] / 1000).toFixed(1)} s` : (r[c] ?? ''))).join(' | ')} |`,
  );
}
