/** The `capillary` command as a person runs it: help, bad options, and an interrupted run. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, 'capillary.mjs');
const root = mkdtempSync(join(tmpdir(), 'capillary-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('capillary', () => {
  it('lists its commands', () => {
    const { code, stdout } = run('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/simulate\s+simulate the QR payment network/);
    expect(stdout).toMatch(/start\s+/);
  });

  it('refuses an unknown command with exit code 2', () => {
    const { code, stderr } = run('simulat');
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'simulat'");
  });
});

describe('capillary simulate, given bad options', () => {
  const file = join(root, 'a-file');
  writeFileSync(file, 'not a folder');
  const cases: [string, string[], RegExp][] = [
    ['a negative count', ['--merchants', '-5'], /--merchants: must be at least 1/],
    ['a count that is not a number', ['--days', 'ten'], /--days: must be a whole number/],
    ['an unknown grain', ['--grain', 'weekly'], /--grain: must be one of payment, settlement/],
    ['a date that does not parse', ['--start', '2024-02-30'], /--start: must be a date/],
    ['a date outside the holiday calendar', ['--start', '2019-01-01'], /--start: must be in 2022 or later/],
    ['an out folder that is a file', ['--out', file], /--out: .* is a file/],
    ['an unknown option', ['--merchant', '5'], /Unknown option '--merchant'/],
  ];
  for (const [what, args, message] of cases) {
    it(`names the option for ${what}, exits 2 and leaves nothing behind`, () => {
      const out = args.includes('--out') ? [] : ['--out', join(root, 'lake')];
      const { code, stderr } = run('simulate', '--merchants', '5', '--days', '3', ...out, ...args);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(existsSync(join(root, 'lake'))).toBe(false);
      expect(readdirSync(root).filter((name) => name.includes('partial'))).toEqual([]);
    });
  }

  it('refuses to write into a folder that already holds files', () => {
    const lake = join(root, 'busy');
    run('simulate', '--merchants', '3', '--days', '2', '--out', lake);
    const { code, stderr } = run('simulate', '--merchants', '3', '--days', '2', '--out', lake);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--out: .* already holds files/);
  });
});

describe('capillary simulate, interrupted', () => {
  it('never leaves a lake that looks complete, and the next run cleans up and completes', async () => {
    const lake = join(root, 'killed');
    const child = spawn(process.execPath, [cli, 'simulate', '--merchants', '300', '--days', '200', '--grain', 'payment', '--out', lake], { cwd: root });
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      child.stderr.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/simulate payments: [1-9]\d*%/.test(seen)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`finished before it could be killed:\n${seen}`)));
    });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(existsSync(lake)).toBe(false);
    const partials = readdirSync(root).filter((name) => name.startsWith('.killed.partial-'));
    expect(partials.length).toBe(1);
    expect(existsSync(join(root, partials[0], '_SUCCESS.json'))).toBe(false);

    const rerun = run('simulate', '--merchants', '20', '--days', '5', '--grain', 'payment', '--out', lake);
    expect(rerun.code).toBe(0);
    expect(existsSync(join(lake, '_SUCCESS.json'))).toBe(true);
    expect(readdirSync(root).filter((name) => name.startsWith('.killed.partial-'))).toEqual([]);
  });
});
