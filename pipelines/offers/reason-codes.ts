/**
 * Stored reason codes back as engine/credit's ReasonCode (checked): the feature and the points
 * lost, as models/compile-sql's reasonCodesSql wrote them. Rows of runs that also stored the
 * merchant's words keep them in the JSON; they are dropped here, since words are rendered when
 * read (reason-words.ts).
 *
 * @example
 *   parseReasonCodes('[{"feature":"cv_daily_90d","points_lost":31.2}]');
 */
import { z } from 'zod';
import { ReasonCodeSchema, type ReasonCode } from '../../engine/credit/index.ts';

const StoredReasonCodes = z.array(z.object({ feature: z.unknown(), points_lost: z.unknown() })).max(4);

export function parseReasonCodes(json: string): ReasonCode[] {
  return z.array(ReasonCodeSchema).parse(StoredReasonCodes.parse(JSON.parse(json)).map((r) => ({ feature: r.feature, points_lost: r.points_lost })));
}
