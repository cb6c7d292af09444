import { describe, expect, it } from 'vitest';
import { HOLIDAYS } from '../calendar/index.ts';
import { buildCalendar, dayDemand } from './calendar.ts';
import { SEGMENT_PROFILES } from './profiles.ts';

describe('calendar', () => {
  const holidays = HOLIDAYS;

  it('reads each year\'s Spring Festival and National Day from the reference file', () => {
    for (const year of [2022, 2023, 2024, 2025, 2026]) {
      expect(holidays.filter((h) => h.name === 'spring_festival' && h.kind === 'holiday' && h.date.startsWith(String(year))).length, String(year)).toBeGreaterThanOrEqual(7);
      expect(holidays.some((h) => h.name === 'national_day' && h.date === `${year}-10-03`), String(year)).toBe(true);
    }
  });

  it('marks weekends worked to bridge a holiday', () => {
    const day = buildCalendar('2024-04-07', 1)[0];
    expect(day.weekday).toBe(6);
    expect(day.isAdjustedWorkday).toBe(true);
    expect(dayDemand(day, SEGMENT_PROFILES.supermarket).offline).toBe(SEGMENT_PROFILES.supermarket.weekday[0]);
  });

  it('turns Spring Festival, Golden Week and 11.11 into demand', () => {
    const calendar = buildCalendar('2024-01-01', 366);
    const on = (date: string) => calendar.find((d) => d.date === date)!;
    const convenience = SEGMENT_PROFILES.convenience_store;
    expect(dayDemand(on('2024-02-12'), convenience).offline).toBeLessThan(0.7);
    expect(dayDemand(on('2024-02-02'), SEGMENT_PROFILES.supermarket).offline).toBeGreaterThan(1.2);
    expect(dayDemand(on('2024-10-03'), SEGMENT_PROFILES.hotel).offline).toBeGreaterThan(1.3);
    expect(dayDemand(on('2024-11-11'), convenience).online).toBeGreaterThan(3);
    expect(dayDemand(on('2024-03-12'), convenience).online).toBeLessThan(1.1);
  });
});
