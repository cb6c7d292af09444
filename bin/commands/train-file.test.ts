/** `capillary train --data FILE`: the report a data scientist reads, and parameters refused by name and range. */
import { describe, expect, it } from 'vitest';
import { GERMAN_CREDIT_CSV } from '../../models/data/german-credit.ts';
import { capillary } from '../testing/run-capillary.ts';

const data = ['--data', GERMAN_CREDIT_CSV, '--target', 'creditability', '--positive', 'bad'];

describe('capillary train --data', () => {
  it("prints the text columns, rows trained on, each kept variable's IV and the points table", async () => {
    const result = await capillary('train', ...data, '--algorithm', 'scorecard');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/read as text \(categories\): status_of_existing_checking_account, credit_history/);
    expect(result.stdout).toMatch(/trained on 600 rows; the validation part \(200 rows\) is not used to fit/);
    expect(result.stdout).toMatch(/kept variables and their IV: .*status_of_existing_checking_account 0\.\d{3} \((weak|medium|strong|suspicious)\)/);
    expect(result.stdout).toMatch(/duration_in_month 0\.\d{3} \(\w+, WoE (falling|rising|non-monotonic)\)/);
    expect(result.stdout).toMatch(/characteristic\s+bin\s+count\s+bad rate\s+WoE\s+points/);
  });

  it('refuses a parameter out of range, naming it and the range, exit 2', async () => {
    const result = await capillary('train', ...data, '--algorithm', 'gbdt', '--param', 'learningRate=0', '--param', 'maxIterations=0');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--param maxIterations: a whole number ≥ 1; trees (got 0)');
    expect(result.stderr).toContain('--param learningRate: a number > 0 and ≤ 1 (got 0)');
  });
});
