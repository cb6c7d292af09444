import { describe, expect, it } from 'vitest';
import { addMonths } from './days.ts';

describe('addMonths', () => {
  it('keeps the day, or takes the month’s last when it is shorter, both ways', () => {
    expect(addMonths('2024-01-15', 1)).toBe('2024-02-15');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2025-01-30', -12)).toBe('2024-01-30');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-11-30', 14)).toBe('2026-01-30');
    expect(() => addMonths('2024-02-30x', 1)).toThrow(/not an ISO date/);
  });
});
