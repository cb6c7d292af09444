/**
 * `capillary token`: issues a bearer token (a JWT that expires) for the API, signed with the
 * warehouse's keyring (a file beside it, created on first use); revokes a token; rotates and
 * retires signing keys. Every action works while the server runs: the server re-reads the keyring
 * and the revocation list when they change.
 */
import { DEFAULT_TOKEN_HOURS, ROLES, TokenAuthority, type Role } from '../../api/auth/token.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { UsageError } from '../usage-error.ts';

export const token: Command = {
  summary: 'issue an API token for a role (merchant tokens are bound to one merchant); revoke tokens; rotate keys',
  usage: `--role merchant|officer|scientist|admin [--merchant ID] [--name NAME] [--hours N | --days N] [--db FILE]
       capillary token --revoke TOKEN|JTI [--db FILE]
       capillary token --rotate-key | --retire-key KID | --keys [--db FILE]

  --role R        what the token may do: merchant (its own offer and line), officer (reviews and
                  decisions), scientist (models and jobs), admin (everything)
  --merchant ID   the merchant a merchant token acts for (required with --role merchant)
  --name NAME     who holds a staff token, as the audit log records it (default: the role)
  --hours N       expires after N hours (default ${DEFAULT_TOKEN_HOURS})
  --days N        expires after N days
  --revoke T      revoke a token (the token itself, or its jti): the server refuses it from now on
  --rotate-key    sign new tokens with a new key; tokens signed with older keys keep working
  --retire-key K  tokens signed with key K stop working (rotate first if K signs new tokens)
  --keys          list the keyring's key ids
  --db FILE       the warehouse whose keyring signs it (default ${dbOption.db.default})`,
  options: {
    role: { type: 'string' },
    merchant: { type: 'string' },
    name: { type: 'string' },
    hours: { type: 'string' },
    days: { type: 'string' },
    revoke: { type: 'string' },
    'rotate-key': { type: 'boolean' },
    'retire-key': { type: 'string' },
    keys: { type: 'boolean' },
    ...dbOption,
  },
  async run(values: OptionValues): Promise<number> {
    const tokens = TokenAuthority.forWarehouse(String(values.db));
    if (typeof values.revoke === 'string') {
      try {
        process.stdout.write(`revoked ${tokens.revoke(values.revoke.trim())}\n`);
      } catch (error) {
        throw new UsageError(`--revoke: ${(error as Error).message}`);
      }
      return 0;
    }
    if (values['rotate-key']) {
      process.stdout.write(`new signing key ${tokens.keyring.rotate()}\n`);
      return 0;
    }
    if (typeof values['retire-key'] === 'string') {
      try {
        tokens.keyring.retire(values['retire-key']);
      } catch (error) {
        throw new UsageError(`--retire-key: ${(error as Error).message}`);
      }
      process.stdout.write(`retired ${values['retire-key']}\n`);
      return 0;
    }
    if (values.keys) {
      for (const key of tokens.keyring.kids()) process.stdout.write(`${key.kid}${key.signing ? ' (signing)' : ''}${key.retired_at ? ` retired ${key.retired_at}` : ''}\n`);
      return 0;
    }
    const role = values.role;
    if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw new UsageError(`--role: one of ${ROLES.join(', ')} (got '${String(role ?? '')}')`);
    const merchant = typeof values.merchant === 'string' ? values.merchant : undefined;
    if (role === 'merchant' && !merchant) throw new UsageError('--merchant ID is required with --role merchant');
    if (role !== 'merchant' && merchant) throw new UsageError('--merchant goes with --role merchant only');
    if (merchant && !/^M\d{8}$/.test(merchant)) throw new UsageError(`--merchant: a merchant id like M00000001 (got '${merchant}')`);
    if (values.hours !== undefined && values.days !== undefined) throw new UsageError('--hours or --days, not both');
    const seconds = lifetime(values.hours, 'hours', 3600) ?? lifetime(values.days, 'days', 86_400) ?? DEFAULT_TOKEN_HOURS * 3600;
    const sub = merchant ?? (typeof values.name === 'string' && values.name.trim() ? values.name.trim() : role);
    const signed = await tokens.sign({ role: role as Role, sub, ...(merchant ? { merchant_id: merchant } : {}), exp: Math.floor(Date.now() / 1000) + seconds });
    process.stdout.write(`${signed}\n`);
    return 0;
  },
};

function lifetime(value: unknown, name: string, unit: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3650 * 24) throw new UsageError(`--${name}: a whole number of ${name}, 1 or more (got '${String(value)}')`);
  return n * unit;
}
