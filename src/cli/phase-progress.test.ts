import { describe, expect, it } from 'vitest';
import { textSink } from '../testing/text-sink.js';
import { PhaseProgress } from './phase-progress.js';

describe('progress of a command in phases, off a terminal', () => {
  it('prints a line at each 10 %, one in between when a step is slow, and each phase with its time', () => {
    const out = textSink();
    let now = 0;
    const p = new PhaseProgress(out, { now: () => now, everyMs: 5000, unit: (phase) => (phase === 'writing' ? 'rows' : null) });
    p.update('preparing', 0, 1);
    now = 1500;
    for (let done = 0; done <= 3000; done += 100) {
      p.update('writing', done, 3000);
      now += 100;
    }
    // A slow stretch inside one 10 % step: a line after 5 s, none for an update that did not move.
    p.update('writing the rest', 0, 1000);
    now += 6000;
    p.update('writing the rest', 50, 1000);
    now += 6000;
    p.update('writing the rest', 50, 1000);
    p.finish();
    const lines = out.text.trimEnd().split('\n');
    expect(lines[0]).toBe('Preparing…');
    expect(lines[1]).toBe('Preparing: done in 1.5 s');
    const writing = lines.filter((l) => l.startsWith('Writing…'));
    expect(writing).toHaveLength(11);
    expect(writing[0]).toBe('Writing… 0 % (0 of 3,000 rows)');
    expect(writing[4]).toBe('Writing… 40 % (1,200 of 3,000 rows)');
    expect(writing[10]).toBe('Writing… 100 % (3,000 of 3,000 rows)');
    expect(lines).toContain('Writing: done in 3.1 s');
    expect(lines.slice(-3)).toEqual(['Writing the rest… 0 %', 'Writing the rest… 5 %', 'Writing the rest: done in 12.0 s']);
    expect(p.timings.map((t) => [t.phase, t.seconds])).toEqual([['preparing', 1.5], ['writing', 3.1], ['writing the rest', 12]]);
  });
});
