/**
 * The `capillary` command: parses the sub-command and its options, runs it, and turns errors
 * into one clear message and an exit code (2 for usage, 1 for failures).
 */
import { parseArgs } from 'node:util';
import { DatabaseLockedError } from '../engine/db/index.ts';
import { COMMANDS } from './commands/index.ts';
import { UsageError } from './usage-error.ts';

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`capillary: unknown command '${name}'\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`usage: capillary ${name} ${command.usage}\n`);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeValues(rest), options: command.options, allowPositionals: true, strict: true });
    return await command.run(values, positionals);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`capillary ${name}: ${(error as Error).message}\n(see: capillary ${name} --help)\n`);
      return 2;
    }
    if (error instanceof DatabaseLockedError) {
      process.stderr.write(`capillary ${name}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`capillary ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.CAPILLARY_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `capillary — QR payment turnover into Easy Loan credit lines\n\nusage: capillary COMMAND [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'capillary COMMAND --help' for a command's options.\n`;
}

/** `--days -5` reads as the option and its (bad) value, so that the value's check can name it. */
function joinNegativeValues(args: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--') && !args[i].includes('=') && /^-\d/.test(args[i + 1] ?? '')) {
      joined.push(`${args[i]}=${args[i + 1]}`);
      i++;
    } else joined.push(args[i]);
  }
  return joined;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
