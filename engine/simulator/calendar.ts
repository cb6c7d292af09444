/**
 * The trading calendar: China's public holidays and adjusted working days (engine/calendar), Spring Festival with its run-up and slow return, Golden Week,
 * and the 6.18 and 11.11 online shopping peaks. It turns each day into demand multipliers per
 * segment and channel.
 */
import { addDays, daysBetween, HOLIDAYS, type HolidayEntry } from '../calendar/index.ts';
import type { SegmentProfile } from './profiles.ts';

export interface CalendarDay {
  date: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** Public holiday name ('spring_festival', 'national_day', …) or null. */
  holiday: string | null;
  /** A weekend day made a working day to bridge a holiday. */
  isAdjustedWorkday: boolean;
  /** Days until the first day of the next Spring Festival holiday (0 on it), or null when > 30. */
  daysToSpringFestival: number | null;
  /** Days since the last day of the Spring Festival holiday (1 the day after), or null when > 30. */
  daysAfterSpringFestival: number | null;
  /** Online demand multiplier of shopping festivals (11.11, 6.18). */
  onlinePeak: number;
}

/** The calendar of `days` days from `start`. */
export function buildCalendar(start: string, days: number, holidays: readonly HolidayEntry[] = HOLIDAYS): CalendarDay[] {
  const byDate = new Map(holidays.map((entry) => [entry.date, entry]));
  const festivalStarts: number[] = [];
  const festivalEnds: number[] = [];
  const festival = holidays.filter((entry) => entry.name === 'spring_festival' && entry.kind === 'holiday').map((entry) => entry.date).sort();
  for (let i = 0; i < festival.length; i++) {
    const day = daysBetween(start, festival[i]);
    if (i === 0 || daysBetween(festival[i - 1], festival[i]) > 1) festivalStarts.push(day);
    if (i === festival.length - 1 || daysBetween(festival[i], festival[i + 1]) > 1) festivalEnds.push(day);
  }
  const calendar: CalendarDay[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(start, d);
    const entry = byDate.get(date);
    const nextStart = festivalStarts.find((s) => s >= d);
    const lastEnd = [...festivalEnds].reverse().find((e) => e < d);
    const toFestival = nextStart === undefined ? null : nextStart - d;
    const afterFestival = lastEnd === undefined ? null : d - lastEnd;
    const monthDay = date.slice(5);
    calendar.push({
      date,
      weekday: (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7,
      holiday: entry?.kind === 'holiday' ? entry.name : null,
      isAdjustedWorkday: entry?.kind === 'workday',
      daysToSpringFestival: toFestival !== null && toFestival <= 30 ? toFestival : null,
      daysAfterSpringFestival: afterFestival !== null && afterFestival <= 30 ? afterFestival : null,
      onlinePeak: monthDay === '11-11' ? 4 : monthDay === '11-10' || monthDay === '11-12' ? 1.8 : monthDay === '06-18' ? 2 : 1,
    });
  }
  return calendar;
}

export interface DayDemand {
  /** Multiplier on in-store (offline) demand. */
  offline: number;
  /** Multiplier on online demand. */
  online: number;
  /** Multiplier on online-to-offline (delivery, pick-up) demand. */
  o2o: number;
}

/** A segment's demand multipliers on one calendar day. */
export function dayDemand(day: CalendarDay, profile: SegmentProfile): DayDemand {
  const weekendLike = day.holiday !== null;
  const shape = day.isAdjustedWorkday ? profile.weekday[0] : weekendLike ? profile.weekday[5] : profile.weekday[day.weekday];
  let season = 1;
  if (day.holiday === 'spring_festival') season = profile.springFestival;
  else if (day.holiday === 'national_day') season = profile.goldenWeek;
  else if (day.holiday !== null) season = profile.holiday;
  else if (day.daysToSpringFestival !== null && day.daysToSpringFestival <= 10) season = profile.preFestival;
  else if (day.daysAfterSpringFestival !== null && day.daysAfterSpringFestival <= 6) {
    // Shops reopen over the week after the holiday, migrant staff returning gradually.
    season = profile.springFestival + ((1 - profile.springFestival) * day.daysAfterSpringFestival) / 7;
  }
  const offline = shape * season;
  return { offline, online: Math.sqrt(shape) * day.onlinePeak, o2o: offline * (day.onlinePeak > 1 ? 1.3 : 1) };
}
