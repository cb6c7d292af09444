/**
 * The network's merchant segments: "arteries" (large, high-ticket) and "capillaries" (small,
 * everyday shops), as the bank's QR programme names them.
 */
import { z } from 'zod';

export const ARTERIES = ['hotel', 'supermarket', 'department_store'] as const;
export const CAPILLARIES = ['convenience_store', 'gas_station', 'cafe', 'fast_food'] as const;
export const SEGMENTS = [...ARTERIES, ...CAPILLARIES] as const;

export const SegmentSchema = z.enum(SEGMENTS);
export type Segment = z.infer<typeof SegmentSchema>;

export const SegmentClassSchema = z.enum(['artery', 'capillary']);
export type SegmentClass = z.infer<typeof SegmentClassSchema>;

export function segmentClass(segment: Segment): SegmentClass {
  return (ARTERIES as readonly string[]).includes(segment) ? 'artery' : 'capillary';
}
