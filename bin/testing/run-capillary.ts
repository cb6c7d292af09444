/**
 * Runs `capillary ARGS` in the test's own process (no child start-up per call) and returns
 * its exit code and what it wrote to stdout and stderr.
 *
 * @example
 *   const { code, stdout } = await capillary('models', 'list', '--db', path);
 */
import { vi } from 'vitest';
import { main } from '../capillary.ts';

export async function capillary(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
