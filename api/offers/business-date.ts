/**
 * Today's business date: the day offers expire against. It is the API's clock date in China
 * Standard Time until the warehouse carries its own business date; this is the one place that
 * decides it.
 */
import { cstDate } from '../http/clock.ts';

export function businessDate(now = new Date()): string {
  return cstDate(now);
}
