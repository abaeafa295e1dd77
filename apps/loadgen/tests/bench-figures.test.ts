import { completeFigure, formatTable } from '../src/bench/figures.js';
import { summarizeRuns } from '../src/bench/stats.js';

describe('summarizeRuns', () => {
  it('gives the median, min and max of the runs', () => {
    expect(summarizeRuns([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, runs: [5, 1, 3] });
    expect(summarizeRuns([4, 1, 3, 2]).median).toBe(2.5);
  });
});

describe('completeFigure', () => {
  const base = { id: 'twoWay.throughput', scenario: '2', label: 'round trips', unit: 'msgs/s' };

  it('sets the ratio to the ceiling and judges a ratio target', () => {
    const figure = completeFigure(
      { ...base, stats: summarizeRuns([300]), ceiling: summarizeRuns([1000]) },
      { on: 'ratio', op: '>=', limit: 0.25 },
    );

    expect(figure.ratio).toBe(0.3);
    expect(figure.target?.met).toBe(true);
  });

  it('judges a value target without a ceiling, and leaves a ratio target undecided', () => {
    const value = completeFigure(
      { ...base, stats: summarizeRuns([2.5]) },
      { on: 'value', op: '<', limit: 2 },
    );
    const ratio = completeFigure(
      { ...base, stats: summarizeRuns([2.5]) },
      { on: 'ratio', op: '<', limit: 15 },
    );

    expect(value.target?.met).toBe(false);
    expect(ratio.target?.met).toBeUndefined();
  });
});

describe('formatTable', () => {
  it('prints one line per figure, with the reason when one is not available', () => {
    const measured = completeFigure(
      {
        id: 'a',
        scenario: '2 two-way echo',
        label: 'round trips',
        unit: 'msgs/s',
        stats: summarizeRuns([300]),
      },
      { on: 'value', op: '>=', limit: 2000 },
    );
    const missing = { id: 'b', scenario: '6 job', label: 'submitJob', unit: 'ms', notAvailable: 'not built' };

    const lines = formatTable([measured, missing]).split('\n');

    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^2 two-way echo +round trips +msgs\/s +300 +300 +300 .*value >= 2000 MISSED$/);
    expect(lines[2]).toMatch(/^6 job +submitJob +ms +not available: not built$/);
  });
});
