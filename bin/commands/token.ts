/**
 * `capillary token`: issues a bearer token for the API, signed with the warehouse's secret (a
 * file beside it, created on first use), so it works while the server runs.
 */
import { signToken, ROLES, type Role } from '../../api/auth/token.ts';
import { warehouseSecret } from '../../api/auth/secret.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { warehousePath } from '../warehouse-option.ts';

export const token: Command = {
  summary: 'issue an API token for a role (merchant tokens are bound to one merchant)',
  usage: `--role merchant|officer|scientist|admin [--merchant ID] [--name NAME] [--days N] [--db FILE]

  --role R      what the token may do: merchant (its own offer and line), officer (reviews and
                decisions), scientist (models and jobs), admin (everything)
  --merchant ID the merchant a merchant token acts for (required with --role merchant)
  --name NAME   who holds a staff token, as the audit log records it (default: the role)
  --days N      expires after N days (default: never)
  --db FILE     the warehouse whose secret signs it (default ${dbOption.db.default})`,
  options: { role: { type: 'string' }, merchant: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' }, ...dbOption },
  async run(values: OptionValues): Promise<number> {
    const role = values.role;
    if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw new UsageError(`--role: one of ${ROLES.join(', ')} (got '${String(role ?? '')}')`);
    const merchant = typeof values.merchant === 'string' ? values.merchant : undefined;
    if (role === 'merchant' && !merchant) throw new UsageError('--merchant ID is required with --role merchant');
    if (role !== 'merchant' && merchant) throw new UsageError('--merchant goes with --role merchant only');
    if (merchant && !/^M\d{8}$/.test(merchant)) throw new UsageError(`--merchant: a merchant id like M00000001 (got '${merchant}')`);
    let exp: number | undefined;
    if (values.days !== undefined) {
      const days = Number(values.days);
      if (!Number.isInteger(days) || days < 1) throw new UsageError(`--days: a whole number of days, 1 or more (got '${String(values.days)}')`);
      exp = Math.floor(Date.now() / 1000) + days * 86_400;
    }
    const sub = merchant ?? (typeof values.name === 'string' && values.name.trim() ? values.name.trim() : role);
    const secret = warehouseSecret(warehousePath(values, { create: false }));
    process.stdout.write(`${signToken(secret, { role: role as Role, sub, ...(merchant ? { merchant_id: merchant } : {}), ...(exp ? { exp } : {}) })}\n`);
    return 0;
  },
};
