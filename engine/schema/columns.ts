/**
 * Column builders shared by every record schema. Each carries the DuckDB type it maps to (in
 * zod metadata) so that table DDL, row validation and API bodies all come from one definition.
 */
import { z } from 'zod';

/** Money in integer fen (RMB minor unit); never a float. */
export const fen = () => z.number().int().min(0).meta({ sql: 'BIGINT', unit: 'fen' });

/** A count of things (payments, customers, days). */
export const count = () => z.number().int().min(0).meta({ sql: 'INTEGER' });

/** A calendar day, 'YYYY-MM-DD'. */
export const isoDate = () => z.iso.date().meta({ sql: 'DATE' });

/** China Standard Time wall-clock, 'YYYY-MM-DD HH:MM:SS', stored without a zone shift. */
export const localTimestamp = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$/, 'expected a local timestamp YYYY-MM-DD HH:MM:SS')
    .meta({ sql: 'TIMESTAMP' });

/** A probability in [0, 1]. */
export const probability = () => z.number().min(0).max(1).meta({ sql: 'DOUBLE' });

export const merchantId = () => z.string().regex(/^M\d{8}$/, 'expected a merchant id like M00000001');
