/** @jsxImportSource hono/jsx */
/**
 * A merchant's turnover as a line, daily or weekly, with public holidays shaded (from the
 * checked-in calendar, engine/calendar) so an officer can tell a Spring Festival dip
 * from a failing shop. Days without trading count as zero, as the features count them.
 *
 * @example
 *   <TurnoverChart days={[{ date: '2025-01-02', net_fen: 512_300 }, ...]} grain="weekly" />
 */
import { addDays, daysBetween, HOLIDAYS, type HolidayEntry } from '../../../engine/calendar/index.ts';
import { Chart, pathOf, PLOT, XAxis, YAxis } from './frame.tsx';
import { linearScale, shortRmb, zeroBasedDomain } from './scale.ts';

export interface TurnoverDay {
  date: string;
  net_fen: number;
}

export type TurnoverGrain = 'daily' | 'weekly';

export interface TurnoverPoint {
  /** The day, or the Monday that starts the week. */
  date: string;
  net_fen: number;
  /** Holiday names falling on the day or in the week. */
  holidays: string[];
}

/**
 * Daily points from first to last day with zeros filled in, or weekly sums (Monday weeks). Only
 * whole weeks are summed: a week cut by the window would read as a fall in trade.
 */
export function turnoverSeries(days: TurnoverDay[], grain: TurnoverGrain, holidays: readonly HolidayEntry[] = HOLIDAYS): TurnoverPoint[] {
  if (days.length === 0) return [];
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const byDate = new Map(sorted.map((d) => [d.date, d.net_fen]));
  const holidayOn = new Map(holidays.filter((h) => h.kind === 'holiday').map((h) => [h.date, h.name]));
  const first = sorted[0].date;
  const span = daysBetween(first, sorted[sorted.length - 1].date) + 1;
  const daily: TurnoverPoint[] = [];
  for (let i = 0; i < span; i++) {
    const date = addDays(first, i);
    const holiday = holidayOn.get(date);
    daily.push({ date, net_fen: byDate.get(date) ?? 0, holidays: holiday ? [holiday] : [] });
  }
  if (grain === 'daily') return daily;
  const weeks = new Map<string, TurnoverPoint>();
  const weekday = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  const start = (7 - weekday(first)) % 7;
  const end = daily.length - ((weekday(daily[daily.length - 1].date) + 1) % 7);
  for (const day of daily.slice(start, end)) {
    const monday = addDays(day.date, -weekday(day.date));
    const week = weeks.get(monday) ?? { date: monday, net_fen: 0, holidays: [] };
    week.net_fen += day.net_fen;
    for (const h of day.holidays) if (!week.holidays.includes(h)) week.holidays.push(h);
    weeks.set(monday, week);
  }
  return [...weeks.values()];
}

export function TurnoverChart({ days, grain, holidays }: { days: TurnoverDay[]; grain: TurnoverGrain; holidays?: readonly HolidayEntry[] }) {
  const points = turnoverSeries(days, grain, holidays);
  const title = `${grain === 'daily' ? 'Daily' : 'Weekly'} net turnover`;
  if (points.length === 0) {
    return <Chart kind={`turnover-${grain}`} title={title} description="No turnover in the window."><text x={PLOT.left} y={PLOT.top + 20}>No turnover in the window.</text></Chart>;
  }
  const n = points.length;
  const x = linearScale([0, Math.max(1, n - 1)], [PLOT.left, PLOT.right]);
  const y = linearScale(zeroBasedDomain(points.map((p) => p.net_fen)), [PLOT.bottom, PLOT.top]);
  const band = (PLOT.right - PLOT.left) / Math.max(1, n - 1);
  const marked = points.map((p, i) => ({ p, i })).filter(({ p }) => p.holidays.length > 0);
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  const ticks = points.map((p, i) => ({ i, p })).filter(({ i }) => i % labelEvery === 0).map(({ p, i }) => ({ x: x(i), text: p.date.slice(5) }));
  const total = points.reduce((s, p) => s + p.net_fen, 0);
  const description = `${n} ${grain === 'daily' ? 'days' : 'weeks'} from ${points[0].date} to ${points[n - 1].date}, ` +
    `${shortRmb(total)} in all; ${marked.length} ${grain === 'daily' ? 'days' : 'weeks'} with public holidays shaded.`;
  return (
    <Chart kind={`turnover-${grain}`} title={title} description={description}>
      {marked.map(({ p, i }) => (
        <rect class="holiday" data-date={p.date} x={x(i) - band / 2} y={PLOT.top} width={Math.max(band, 2)} height={PLOT.bottom - PLOT.top}>
          <title>{`${p.date}: ${p.holidays.map(holidayLabel).join(', ')}`}</title>
        </rect>
      ))}
      <YAxis scale={y} format={shortRmb} label="RMB" />
      <XAxis ticks={ticks} label={grain === 'daily' ? 'day (MM-DD)' : 'week starting (MM-DD)'} />
      <path class="series" data-points={n} d={pathOf(points.map((p, i) => [x(i), y(p.net_fen)]))} />
    </Chart>
  );
}

/** 'spring_festival' → 'Spring festival'. */
export function holidayLabel(name: string): string {
  const words = name.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
