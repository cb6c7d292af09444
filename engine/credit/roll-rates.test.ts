import { describe, expect, it } from 'vitest';
import { dpdBucket, rollRates, rollState } from './roll-rates.ts';

describe('DPD buckets and roll rates', () => {
  it('buckets days past due, defaulted lines in 90+', () => {
    expect([0, 1, 29, 30, 59, 60, 89, 90].map((d) => dpdBucket(d, 'open'))).toEqual(['current', '1-29', '1-29', '30-59', '30-59', '60-89', '60-89', '90+']);
    expect(dpdBucket(0, 'defaulted')).toBe('90+');
    expect(dpdBucket(0, 'written_off')).toBe('90+');
    expect(rollState(0, 'closed')).toBe('closed');
  });

  it('each from-bucket with moves has shares adding up to 1; an empty one is all zeros', () => {
    const rows = rollRates([
      { from: 'current', to: 'current' }, { from: 'current', to: 'current' }, { from: 'current', to: '1-29' }, { from: 'current', to: 'closed' },
      { from: '1-29', to: '30-59' }, { from: '1-29', to: 'current' }, { from: '60-89', to: '90+' },
    ]);
    expect(rows.map((r) => r.from)).toEqual(['current', '1-29', '30-59', '60-89', '90+']);
    expect(rows[0]).toMatchObject({ n: 4, to: { current: 0.5, '1-29': 0.25, closed: 0.25, '90+': 0 } });
    expect(rows[1].to).toMatchObject({ current: 0.5, '30-59': 0.5 });
    for (const r of rows) expect(Object.values(r.to).reduce((a, b) => a + b, 0)).toBeCloseTo(r.n > 0 ? 1 : 0, 12);
    expect(rows[2]).toMatchObject({ n: 0 });
  });
});
