import type { RunStats } from './stats.js';

/** A target on a figure, e.g. `ratio >= 0.25` or `value < 2`. */
export interface Target {
  /** What is compared: the gateway figure itself or its ratio to the ceiling. */
  on: 'value' | 'ratio';
  op: '>=' | '<' | '<=';
  limit: number;
}

/** One line of the results: a gateway (or ceiling) figure, its ceiling and target. */
export interface Figure {
  id: string;
  scenario: string;
  label: string;
  unit: string;
  /** Set when the figure could not be measured; nothing else is then. */
  notAvailable?: string;
  stats?: RunStats;
  /** The same figure measured on the bare `ws` server in the same bench run. */
  ceiling?: RunStats;
  /** median / ceiling median. */
  ratio?: number;
  /** `met` is undefined when a ratio target has no ceiling to compare with. */
  target?: Target & { met: boolean | undefined };
  /** Anything the reader needs to interpret the figure (lost messages, failures). */
  notes?: string[];
}

/** Fills in `ratio` and `target.met` from the stats. */
export function completeFigure(figure: Figure, target?: Target): Figure {
  if (figure.stats && figure.ceiling && figure.ceiling.median > 0) {
    figure.ratio = Math.round((figure.stats.median / figure.ceiling.median) * 1000) / 1000;
  }
  if (target && figure.stats) {
    const actual = target.on === 'ratio' ? figure.ratio : figure.stats.median;
    const met =
      actual === undefined
        ? undefined
        : target.op === '>='
          ? actual >= target.limit
          : target.op === '<='
            ? actual <= target.limit
            : actual < target.limit;
    figure.target = { ...target, met };
  }
  return figure;
}

const number = (n: number | undefined) =>
  n === undefined ? '' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);

function describeTarget(target: Figure['target']): string {
  if (!target) return '';
  const subject = target.on === 'ratio' ? 'ratio' : 'value';
  const limit = target.on === 'ratio' && target.limit < 1 ? `${target.limit * 100}%` : `${target.limit}`;
  const verdict = target.met === undefined ? 'n/a (no ceiling)' : target.met ? 'MET' : 'MISSED';
  return `${subject} ${target.op} ${limit} ${verdict}`;
}

/** A plain-text table of the figures, one line each. */
export function formatTable(figures: Figure[]): string {
  const header = ['scenario', 'figure', 'unit', 'median', 'min', 'max', 'ceiling', 'ratio', 'target'];
  const rows = figures.map((f) =>
    f.notAvailable
      ? [f.scenario, f.label, f.unit, `not available: ${f.notAvailable}`, '', '', '', '', '']
      : [
          f.scenario,
          f.label,
          f.unit,
          number(f.stats?.median),
          number(f.stats?.min),
          number(f.stats?.max),
          number(f.ceiling?.median),
          f.ratio === undefined ? '' : `${number(f.ratio)}x`,
          describeTarget(f.target),
        ],
  );
  // A "not available" reason spans the number columns, so it does not widen them.
  const spans = (cell: string) => cell.startsWith('not available');
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (spans(r[i] ?? '') ? 0 : (r[i] ?? '').length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (spans(c) ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const notes = figures.flatMap((f) => (f.notes ?? []).map((n) => `  ${f.id}: ${n}`));
  return [line(header), ...rows.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}
