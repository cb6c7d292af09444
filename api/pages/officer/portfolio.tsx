/** @jsxImportSource hono/jsx */
/**
 * The portfolio page for credit officers: the Easy Loan book as of a date — exposure, utilisation
 * and ECL, EAD by IFRS 9 stage per segment, vintage curves, the roll-rate matrix and expected
 * against realised loss — from the same report as GET /api/v1/portfolio.
 */
import type { Context } from 'hono';
import type { Database } from '../../../engine/db/index.ts';
import { ROLL_TARGETS, type ExposureCell, type PortfolioReport } from '../../../engine/schema/portfolio-report.ts';
import type { Claims } from '../../auth/token.ts';
import { ApiProblem, fieldErrors } from '../../http/problem.ts';
import { PortfolioQuerySchema, reportFor } from '../../routes/portfolio.ts';
import { StageBars } from '../charts/stage-bars.tsx';
import { VintageChart } from '../charts/vintage-chart.tsx';
import { percent, rmb } from '../format.tsx';
import { Layout } from '../layout.tsx';

const LABELS: Record<string, string> = { as_of_date: 'As of', from_date: 'Period from' };

export async function portfolioPage(c: Context, principal: Claims, db: Database) {
  const raw = c.req.query();
  const filters = { as_of_date: (raw.as_of_date ?? '').trim(), from_date: (raw.from_date ?? '').trim() };
  const parsed = PortfolioQuerySchema.safeParse(Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')));
  let report: PortfolioReport | null = null;
  let notice = null;
  if (!parsed.success) {
    notice = { kind: 'error' as const, text: fieldErrors(parsed.error).map((e) => `${LABELS[e.field] ?? e.field}: ${e.message}`).join(' ') };
  } else {
    try {
      report = await reportFor(db, parsed.data);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const field = (error.field ?? '').replace(/^query\./, '');
      notice = { kind: 'error' as const, text: `${LABELS[field] ? `${LABELS[field]}: ` : ''}${error.message}` };
    }
  }
  return (
    <Layout title="Portfolio" principal={principal} path="/officer/portfolio" notice={notice}>
      <section class="card">
        <form class="filters" method="get" action="/officer/portfolio">
          <label>As of<input type="date" name="as_of_date" id="portfolio-as-of" value={report?.as_of_date ?? filters.as_of_date} /></label>
          <label>Period from<input type="date" name="from_date" id="portfolio-from" value={report?.loss.from_date ?? filters.from_date} /></label>
          <button type="submit">Show</button>
        </form>
      </section>
      {report ? <Report report={report} /> : null}
    </Layout>
  );
}

function Report({ report: r }: { report: PortfolioReport }) {
  const t = r.total;
  return (
    <>
      <section class="card" id="portfolio-figures">
        <h2>{`The book as of ${r.as_of_date}`}</h2>
        <dl class="figures">
          <div><dt>Lines</dt><dd id="figure-lines">{t.n_lines.toLocaleString('en-US')}</dd></div>
          <div><dt>Limits</dt><dd>{rmb(t.limit_fen)}</dd></div>
          <div><dt>Drawn</dt><dd>{rmb(t.balance_fen)}</dd></div>
          <div><dt>Utilisation</dt><dd>{percent(t.utilisation, 1)}</dd></div>
          <div><dt>EAD</dt><dd id="figure-ead">{rmb(t.ead_fen)}</dd></div>
          <div><dt>ECL</dt><dd id="figure-ecl">{rmb(t.ecl_fen)}</dd></div>
          <div><dt>ECL / EAD</dt><dd>{percent(t.coverage, 2)}</dd></div>
        </dl>
        <p class="muted">{`Policy ${r.policy_version}; PDs from ${r.model_id ?? 'no model (the worst grade band)'}. ` +
          `${r.n_lines_without_pd} lines without a PD today, ${r.n_lines_without_origination_pd} without one at origination.`}</p>
      </section>
      <section class="card">
        <h2>IFRS 9 stages by segment</h2>
        <StageBars rows={[{ name: 'all', ...t }, ...r.by_segment.map((s) => ({ name: s.segment, ...s }))]} />
        <StageTable report={r} />
      </section>
      <section class="card">
        <h2>Vintage curves</h2>
        <VintageChart vintages={r.vintages} />
      </section>
      <section class="card">
        <h2>{`Roll rates, month to month, ${r.roll_rates.from_date} to ${r.roll_rates.to_date}`}</h2>
        <RollTable report={r} />
      </section>
      <section class="card">
        <h2>{`Expected against realised loss, ${r.loss.from_date} to ${r.loss.to_date}`}</h2>
        <table id="loss-table">
          <thead><tr><th scope="col">{`${r.loss.n_lines.toLocaleString('en-US')} lines performing at the start`}</th><th scope="col" class="num">Expected</th><th scope="col" class="num">Realised</th></tr></thead>
          <tbody>
            <tr><th scope="row">Defaults</th><td class="num">{r.loss.expected_defaults.toFixed(1)}</td><td class="num">{String(r.loss.realised_defaults)}</td></tr>
            <tr><th scope="row">Loss</th><td class="num">{rmb(r.loss.expected_loss_fen)}</td><td class="num">{rmb(r.loss.realised_loss_fen)}</td></tr>
          </tbody>
        </table>
        <p class="muted">Expected: PD × LGD × EAD at the start. Realised: principal written off, or outstanding at default (the ledger records no recoveries).</p>
      </section>
    </>
  );
}

function StageTable({ report: r }: { report: PortfolioReport }) {
  const row = (name: string, c: ExposureCell) => (
    <tr data-segment={name}>
      <th scope="row">{name.replaceAll('_', ' ')}</th>
      <td class="num">{c.n_lines.toLocaleString('en-US')}</td>
      <td class="num">{rmb(c.ead_fen)}</td>
      <td class="num">{percent(c.utilisation, 1)}</td>
      {c.stages.map((s) => <td class="num" data-stage={s.stage}>{rmb(s.ead_fen)}</td>)}
      <td class="num">{rmb(c.ecl_fen)}</td>
      <td class="num">{percent(c.coverage, 2)}</td>
    </tr>
  );
  return (
    <div class="scroll">
    <table id="stage-table">
      <thead>
        <tr>
          <th scope="col">Segment</th><th scope="col" class="num">Lines</th><th scope="col" class="num">EAD</th><th scope="col" class="num">Utilisation</th>
          <th scope="col" class="num">Stage 1 EAD</th><th scope="col" class="num">Stage 2 EAD</th><th scope="col" class="num">Stage 3 EAD</th>
          <th scope="col" class="num">ECL</th><th scope="col" class="num">ECL / EAD</th>
        </tr>
      </thead>
      <tbody>{r.by_segment.map((s) => row(s.segment, s))}</tbody>
      <tfoot>{row('all', r.total)}</tfoot>
    </table>
    </div>
  );
}

function RollTable({ report: r }: { report: PortfolioReport }) {
  return (
    <table class="roll" id="roll-table">
      <thead>
        <tr><th scope="col">From \ to</th><th scope="col" class="num">Line-months</th>{ROLL_TARGETS.map((t) => <th scope="col" class="num">{t}</th>)}</tr>
      </thead>
      <tbody>
        {r.roll_rates.rows.map((row) => (
          <tr data-from={row.from}>
            <th scope="row">{row.from}</th>
            <td class="num">{row.n.toLocaleString('en-US')}</td>
            {ROLL_TARGETS.map((t) => <td class={`num shade-${Math.ceil(row.to[t] * 5)}`} data-to={t}>{row.n > 0 ? percent(row.to[t], 1) : '—'}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
