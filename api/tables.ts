/**
 * The API's own tables, derived from their record schemas: accepted credit lines and their
 * transactions, the officers' audit log and the jobs. Created on every start if missing.
 */
import { createTableSql, type Database } from '../engine/db/index.ts';
import { AuditEntrySchema } from '../engine/schema/audit-entry.ts';
import { CreditLineSchema, LineTransactionSchema } from '../engine/schema/credit-line.ts';
import { JobSchema } from '../engine/schema/job.ts';

export const API_TABLES = {
  credit_lines: createTableSql('credit_lines', CreditLineSchema, { primaryKey: ['line_id'] }),
  line_transactions: createTableSql('line_transactions', LineTransactionSchema, { primaryKey: ['transaction_id'] }),
  audit_log: createTableSql('audit_log', AuditEntrySchema, { primaryKey: ['audit_id'] }),
  jobs: createTableSql('jobs', JobSchema, { primaryKey: ['job_id'] }),
};

export async function ensureApiTables(db: Database): Promise<void> {
  for (const ddl of Object.values(API_TABLES)) await db.run(ddl);
  // One transaction per merchant and key: a replay finds it, a race cannot insert two.
  await db.run('CREATE UNIQUE INDEX IF NOT EXISTS line_transactions_key ON line_transactions (merchant_id, idempotency_key)');
}
