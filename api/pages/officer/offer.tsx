/** @jsxImportSource hono/jsx */
/**
 * One offer as a credit officer reviews it: the headline figures, the decision form (approve,
 * adjust the line, decline — a reason required to adjust or decline), the merchant's turnover
 * daily and weekly with holidays shaded, its features against its segment, the score with its
 * reason codes, every eligibility rule, the sizing trace, the audit trail and the merchant's
 * lines with their history from the one ledger.
 */
import type { Context } from 'hono';
import { forOfficer, type Decision, type TraceStep } from '../../../engine/credit/index.ts';
import type { Database } from '../../../engine/db/index.ts';
import type { AuditEntry } from '../../../engine/schema/audit-entry.ts';
import type { OfferRow } from '../../../engine/schema/offer.ts';
import { officerWords, plainWords } from '../../../pipelines/offers/index.ts';
import type { Claims } from '../../auth/token.ts';
import { ApiProblem } from '../../http/problem.ts';
import { FeatureBars, type FeatureBar } from '../charts/feature-bars.tsx';
import { TurnoverChart } from '../charts/turnover-chart.tsx';
import { Badge, fenToRmbInput, percent, rmb } from '../format.tsx';
import { Layout } from '../layout.tsx';
import { merchantLines, type LineWithEvents } from '../../../pipelines/lines/line-events.ts';
import { AuditTable } from './audit.tsx';
import { LineHistory } from './line-history.tsx';
import { segmentFeatures } from './segment-features.ts';

/** What Reviews.review returns (the API's ReviewSchema), as the page reads it. */
export interface Review {
  offer: Omit<OfferRow, 'decision'>;
  decision: Decision;
  explanation: string[];
  turnover: { turnover_date: string; net_fen: number; n_payments: number }[];
  audit: AuditEntry[];
}

/** What the officer typed, kept when the form comes back with an error. */
export interface DecisionForm {
  action: string;
  line: string;
  reason: string;
}

export interface OfferPageProps {
  principal: Claims;
  review: Review;
  features: { bars: FeatureBar[]; peers: number };
  lines: LineWithEvents[];
  notice: { kind: 'ok' | 'error'; text: string } | null;
  form: DecisionForm;
}

/** What the page reads beside the review: the features against the segment and the ledger's lines. */
export async function loadOfferPage(db: Database, review: Review): Promise<Pick<OfferPageProps, 'features' | 'lines'>> {
  return {
    features: await segmentFeatures(db, review.offer.merchant_id, review.offer.as_of_date),
    lines: await merchantLines(db, review.offer.merchant_id),
  };
}

export function OfferPage({ principal, review, features, lines, notice, form }: OfferPageProps) {
  const { offer, decision } = review;
  return (
    <Layout title={`Offer for ${offer.merchant_id}`} principal={principal} path="/officer/offers" notice={notice} scripts={['tabs.js']}>
      <section class="card" aria-labelledby="headline">
        <h2 id="headline" class="visually-hidden">Headline</h2>
        <dl class="figures">
          <div><dt>Segment</dt><dd>{offer.segment.replaceAll('_', ' ')}</dd></div>
          <div><dt>Outcome</dt><dd><Badge value={offer.outcome} /></dd></div>
          <div><dt>Status</dt><dd id="offer-status"><Badge value={offer.status} /></dd></div>
          <div><dt>Line</dt><dd id="offer-line">{rmb(offer.line_fen)}</dd></div>
          <div><dt>Rate</dt><dd>{percent(offer.annual_rate)}</dd></div>
          <div><dt>Grade</dt><dd>{offer.grade ?? '—'}</dd></div>
          <div><dt>PD (12 months)</dt><dd>{percent(offer.pd, 3)}</dd></div>
          <div><dt>Expected loss</dt><dd>{rmb(offer.expected_loss_fen)}</dd></div>
          <div><dt>As of</dt><dd>{offer.as_of_date}</dd></div>
          <div><dt>Expires</dt><dd>{offer.expires_on ?? '—'}</dd></div>
        </dl>
        {offer.decided_by ? <p class="muted">{`Last decided by ${offer.decided_by} at ${offer.decided_at}: ${offer.officer_note ?? 'no note'}`}</p> : null}
      </section>

      <DecisionFormSection review={review} form={form} />

      <section class="card" aria-labelledby="turnover-title">
        <h2 id="turnover-title">Turnover</h2>
        <div class="chart-tabs" role="tablist" aria-label="Turnover grain" hidden>
          <button type="button" role="tab" id="tab-weekly" aria-controls="panel-weekly" aria-selected="true">Weekly</button>{' '}
          <button type="button" role="tab" id="tab-daily" aria-controls="panel-daily" aria-selected="false">Daily</button>
        </div>
        <figure id="panel-weekly" role="tabpanel" aria-labelledby="tab-weekly">
          <TurnoverChart days={review.turnover.map((d) => ({ date: d.turnover_date, net_fen: d.net_fen }))} grain="weekly" />
          <figcaption class="muted">Weekly net turnover over the year before {offer.as_of_date}; shaded weeks hold a public holiday.</figcaption>
        </figure>
        <figure id="panel-daily" role="tabpanel" aria-labelledby="tab-daily">
          <TurnoverChart days={review.turnover.map((d) => ({ date: d.turnover_date, net_fen: d.net_fen }))} grain="daily" />
          <figcaption class="muted">Daily net turnover; shaded days are public holidays.</figcaption>
        </figure>
      </section>

      <section class="card" aria-labelledby="features-title">
        <h2 id="features-title">Features against the segment</h2>
        {features.bars.length > 0 ? (
          <>
            <FeatureBars rows={features.bars} segmentName={offer.segment.replaceAll('_', ' ')} />
            <p class="muted">{`Segment medians over ${features.peers} ${offer.segment.replaceAll('_', ' ')} merchants as of ${offer.as_of_date}.`}</p>
          </>
        ) : <p class="muted">No features row for this merchant as of {offer.as_of_date}.</p>}
      </section>

      <div class="grid-2">
        <section class="card" aria-labelledby="score-title">
          <h2 id="score-title">Score and reason codes</h2>
          <dl class="figures">
            <div><dt>Score</dt><dd>{decision.score === null ? '—' : decision.score.toFixed(0)}</dd></div>
            <div><dt>PD</dt><dd>{percent(decision.pd, 3)}</dd></div>
            <div><dt>Model</dt><dd class="muted">{decision.model_id ?? 'none'}</dd></div>
          </dl>
          <table id="reason-codes">
            <caption>What lowered the score most</caption>
            <thead><tr><th scope="col">Feature</th><th scope="col" class="num">Points lost</th><th scope="col">What it measures</th><th scope="col">The merchant reads</th></tr></thead>
            <tbody>
              {decision.reason_codes.map((r) => <tr><td>{r.feature}</td><td class="num">{r.points_lost.toFixed(1)}</td><td>{officerWords(r.feature)}</td><td>{plainWords(r.feature)}</td></tr>)}
            </tbody>
          </table>
        </section>
        <section class="card" aria-labelledby="rules-title">
          <h2 id="rules-title">Eligibility rules</h2>
          <table id="rules">
            <thead><tr><th scope="col">Rule</th><th scope="col">Looks at</th><th scope="col">Value</th><th scope="col">Needs</th><th scope="col">Result</th></tr></thead>
            <tbody>
              {decision.checks.map((k) => (
                <tr data-rule={k.rule}><td>{k.rule.replaceAll('_', ' ')}</td><td>{k.officer}</td><td>{forOfficer(k.unit, k.value)}</td><td>{`${k.comparison} ${forOfficer(k.unit, k.threshold)}`}</td><td>{k.passed ? 'pass' : <strong>FAIL</strong>}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <section class="card" aria-labelledby="trace-title">
        <h2 id="trace-title">Sizing trace</h2>
        <p class="muted">{review.explanation[0]}</p>
        <table class="trace" id="trace">
          <thead><tr><th scope="col">Step</th><th scope="col" class="num">Value</th><th scope="col">How</th></tr></thead>
          <tbody>
            {decision.trace.map((t) => <tr><td>{t.step}</td><td class="num">{traceValue(t)}</td><td>{t.detail}</td></tr>)}
          </tbody>
        </table>
      </section>

      <section class="card" aria-labelledby="audit-title" id="audit">
        <h2 id="audit-title">Audit trail</h2>
        <AuditTable entries={review.audit} showMerchant={false} />
      </section>

      <LineHistory lines={lines} />
    </Layout>
  );
}

function DecisionFormSection({ review, form }: { review: Review; form: DecisionForm }) {
  const { offer } = review;
  const blocked = offer.outcome !== 'offer'
    ? `The policy declined this merchant (${offer.declined_rules}); there is no line to decide on.`
    : offer.status === 'accepted'
      ? 'The merchant has accepted this offer; it can no longer be changed.'
      : null;
  const action = form.action || 'approve';
  return (
    <section class="card" aria-labelledby="decide-title">
      <h2 id="decide-title">Decision</h2>
      {blocked ? <p>{blocked}</p> : (
        <form method="post" action={`/officer/offers/${offer.merchant_id}/decision`} id="decision-form">
          <div class="actions">
            <fieldset>
              <legend>Action</legend>
              {(['approve', 'adjust', 'decline'] as const).map((a) => (
                <label class="choice">
                  <input type="radio" name="action" value={a} checked={a === action} />
                  {a === 'adjust' ? 'adjust the line' : a}
                </label>
              ))}
            </fieldset>
            <label>
              New line (RMB), to adjust
              <input name="line" id="decision-line" inputmode="decimal" size={12} value={form.line || fenToRmbInput(offer.line_fen)} aria-describedby="line-help" />
            </label>
            <span id="line-help" class="muted">{`At most the policy's ${rmb(review.decision.outcome === 'offer' ? review.decision.line_fen : offer.line_fen)}.`}</span>
          </div>
          <label class="reason">
            Reason (required to adjust or decline)
            <textarea name="reason" id="decision-reason" maxlength={1000}>{form.reason}</textarea>
          </label>
          <p><button type="submit">Record decision</button></p>
        </form>
      )}
    </section>
  );
}

/** Steps whose number is fen: the engine/credit trace names them so (explain.ts reads them the same way). */
const MONEY_STEPS = /^(base_line|line_after_\w+|line_rounded|debt_service_cap|ead|expected_loss)$|_fen$|^instalments_/;
const SHARE_STEPS = /^(annual_rate|volatility_haircut|pd|input\.pd_12m)$/;

function traceValue(t: TraceStep): string {
  if (t.value === null) return '—';
  if (typeof t.value === 'boolean') return t.value ? 'pass' : 'FAIL';
  if (typeof t.value !== 'number') return t.value;
  if (MONEY_STEPS.test(t.step)) return rmb(t.value);
  if (SHARE_STEPS.test(t.step)) return percent(t.value, 3);
  return Number.isInteger(t.value) ? String(t.value) : t.value.toPrecision(4);
}

/** The decision form's fields as the API's DecisionRequest, or the first problem naming the field. */
export function decisionRequest(form: DecisionForm, lineFen: number | undefined): Record<string, unknown> {
  if (!['approve', 'adjust', 'decline'].includes(form.action)) throw new ApiProblem(422, 'Action: choose approve, adjust or decline', { field: 'action' });
  const request: Record<string, unknown> = { action: form.action };
  if (form.action === 'adjust') request.line_fen = lineFen;
  if (form.reason.trim() !== '') request.reason = form.reason.trim();
  return request;
}

export function readForm(body: Record<string, unknown>): DecisionForm {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { action: text(body.action), line: text(body.line), reason: text(body.reason) };
}

export type { Context };
