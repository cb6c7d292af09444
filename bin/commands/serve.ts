/**
 * `capillary serve`: the API (and pages) over an existing warehouse. The server holds the
 * warehouse while it runs (ARCHITECTURE.md §5); Ctrl-C or SIGTERM shuts it down gracefully.
 */
import { startServer } from '../../api/server.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { integer } from './simulate.ts';
import { UsageError } from '../usage-error.ts';
import { warehousePath } from '../warehouse-option.ts';

export const serve: Command = {
  summary: 'serve the API for merchants, officers and data scientists over a warehouse',
  usage: `[--port P] [--host H] [--business-date YYYY-MM-DD] [--db FILE]

  --port P              port to listen on (default 3000; 0 picks a free one)
  --host H              address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --business-date D     the day offers expire against and events written through the API carry
                        (default: the warehouse's business date — the latest day of loaded turnover,
                        or a later 'capillary run --as-of'; today in China Standard Time if it has none)
  --db FILE             warehouse to serve (default ${dbOption.db.default})

Tokens: capillary token --role merchant|officer|scientist|admin [--merchant ID]. Docs at /docs.`,
  options: { port: { type: 'string', default: '3000' }, host: { type: 'string' }, 'business-date': { type: 'string' }, ...dbOption },
  async run(values: OptionValues): Promise<number> {
    const port = integer(values, 'port');
    if (port < 0 || port > 65535) throw new UsageError(`--port: 0 to 65535 (got ${port})`);
    warehousePath(values, { create: false });
    const businessDate = values['business-date'];
    if (businessDate !== undefined && (typeof businessDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(businessDate) || Number.isNaN(Date.parse(businessDate)))) {
      throw new UsageError(`--business-date: a date like 2025-01-31 (got '${String(businessDate)}')`);
    }
    const server = await startServer({ db: String(values.db), port, host: typeof values.host === 'string' ? values.host : undefined, ...(businessDate ? { businessDate } : {}) });
    process.stderr.write(`serving ${String(values.db)} on ${server.url} (docs: ${server.url}/docs); Ctrl-C to stop\n`);
    await untilSignalled();
    process.stderr.write('shutting down: finishing requests and jobs…\n');
    await server.close();
    // A job abandoned at shutdown may still hold the event loop; the exit closes the warehouse.
    setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
    return 0;
  },
};

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      resolve(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}
