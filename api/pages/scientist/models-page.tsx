/** @jsxImportSource hono/jsx */
/**
 * The data scientists' page: every registered model with its out-of-time metrics side by side;
 * for the chosen one (the champion unless another is picked), ROC curves per part, calibration
 * by decile on the test part, the training-to-test PSI and CSI, and drift of its latest scoring
 * run against its training population.
 */
import type { Context } from 'hono';
import type { Database } from '../../../engine/db/index.ts';
import { latestScoredDate, listModels, measureDrift, modelEvents, type Drift, type ModelEvent, type StoredModel } from '../../../models/index.ts';
import type { Claims } from '../../auth/token.ts';
import { ApiProblem } from '../../http/problem.ts';
import { CalibrationChart } from '../charts/calibration-chart.tsx';
import { RocChart } from '../charts/roc-chart.tsx';
import { StabilityBars } from '../charts/stability-bars.tsx';
import { Badge, percent } from '../format.tsx';
import { Layout } from '../layout.tsx';

export async function modelsPage(c: Context, principal: Claims, db: Database) {
  const models = await listModels(db);
  const wanted = c.req.query('model');
  const chosen = wanted
    ? models.find((m) => m.record.model_id === wanted)
    : (models.find((m) => m.record.status === 'champion') ?? models[models.length - 1]);
  if (wanted && !chosen) throw new ApiProblem(404, `no model ${wanted} in the registry`, { field: 'model' });
  const drift = chosen ? await driftOf(db, chosen) : null;
  const events = chosen ? await modelEvents(db, chosen.record.model_id) : [];
  return (
    <Layout title="Models" principal={principal} path="/scientist">
      {models.length === 0 ? (
        <p class="card">The registry is empty: train a model (<code>capillary train --algorithm scorecard</code>) to see it here.</p>
      ) : (
        <>
          <ModelTable models={models} chosen={chosen?.record.model_id ?? null} />
          {chosen ? <ModelDetail model={chosen} drift={drift} events={events} /> : null}
        </>
      )}
    </Layout>
  );
}

/** Drift of the model's latest scoring run, or why there is none. */
async function driftOf(db: Database, model: StoredModel): Promise<Drift | string> {
  const date = await latestScoredDate(db, model.record.model_id);
  if (!date) return `${model.record.model_id} has not scored the warehouse yet (capillary score --as-of DATE --model ${model.record.model_id}).`;
  try {
    return await measureDrift(db, model.record.model_id, model.reference, date);
  } catch (error) {
    // The rest of the page still stands when drift cannot be measured; say why.
    return `Drift of ${model.record.model_id} as of ${date} could not be measured: ${(error as Error).message}`;
  }
}

function ModelTable({ models, chosen }: { models: StoredModel[]; chosen: string | null }) {
  return (
    <section class="card" aria-labelledby="models-title">
      <h2 id="models-title">Registered models</h2>
      <div class="table-wrap">
        <table id="models">
          <caption class="muted">Metrics on the out-of-time test part; the oracle ratio is the model's AUC over the true PD's on the same rows.</caption>
          <thead>
            <tr>
              <th scope="col">Model</th><th scope="col">Algorithm</th><th scope="col">Status</th><th scope="col">Registered</th><th scope="col">Test window</th>
              <th scope="col" class="num">Test rows</th><th scope="col" class="num">Bad rate</th><th scope="col" class="num">AUC</th><th scope="col" class="num">Gini</th>
              <th scope="col" class="num">KS</th><th scope="col" class="num">Brier</th><th scope="col" class="num">Oracle ratio</th><th scope="col" class="num">PSI</th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => {
              const t = m.metrics.parts.test;
              const id = m.record.model_id;
              return (
                <tr data-model={id} aria-current={id === chosen ? 'true' : undefined}>
                  <td><a href={`/scientist?model=${encodeURIComponent(id)}`}>{id}</a></td>
                  <td>{m.record.algorithm}</td>
                  <td><Badge value={m.record.status} /></td>
                  <td>{m.record.registered_at.slice(0, 16)}</td>
                  <td>{m.record.test_from ? `${m.record.test_from} – ${m.record.test_to}` : 'random split'}</td>
                  <td class="num">{t.n.toLocaleString('en')}</td>
                  <td class="num">{percent(t.badRate)}</td>
                  <td class="num">{t.auc.toFixed(3)}</td>
                  <td class="num">{t.gini.toFixed(3)}</td>
                  <td class="num">{t.ks.toFixed(3)}</td>
                  <td class="num">{t.brier.toFixed(4)}</td>
                  <td class="num">{m.metrics.oracle ? m.metrics.oracle.test.aucRatio.toFixed(3) : '—'}</td>
                  <td class="num">{m.metrics.psi.index.toFixed(3)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ModelDetail({ model, drift, events }: { model: StoredModel; drift: Drift | string | null; events: ModelEvent[] }) {
  const parts = (['train', 'validation', 'test'] as const).filter((p) => model.metrics.parts[p].n > 0);
  const test = model.metrics.parts.test;
  return (
    <>
      <h2 id="detail-title">{`${model.record.model_id} · ${model.record.algorithm} · target ${model.record.target}`}</h2>
      <div class="grid-2">
        <section class="card" aria-label="ROC curve">
          <RocChart parts={parts.map((p) => ({ name: p, lift: model.metrics.parts[p].lift, auc: model.metrics.parts[p].auc }))} />
        </section>
        <section class="card" aria-label="Calibration">
          <CalibrationChart deciles={test.calibration.deciles} part="test" />
          <p class="muted">{`Hosmer–Lemeshow ${test.calibration.hosmerLemeshow.toFixed(1)} on ${test.calibration.degreesOfFreedom} degrees of freedom (p = ${test.calibration.pValue.toPrecision(2)}); ${test.calibration.groupsInside} of ${test.calibration.deciles.length} deciles inside their interval.`}</p>
        </section>
      </div>
      <section class="card" aria-labelledby="stability-title">
        <h2 id="stability-title">Training to test stability</h2>
        <StabilityBars kind="stability" title="PSI and CSI, training to out-of-time test" rows={[{ name: 'PD (PSI)', index: model.metrics.psi.index }, ...[...model.metrics.csi].sort((a, b) => b.index - a.index).slice(0, 15).map((c) => ({ name: c.feature, index: c.index }))]} />
      </section>
      <section class="card" aria-labelledby="drift-title" id="drift">
        <h2 id="drift-title">Drift in production</h2>
        {typeof drift === 'string' || drift === null ? <p class="muted">{drift ?? 'No drift measured.'}</p> : (
          <>
            <p>{`Scores as of ${drift.asOfDate} (${drift.rows.toLocaleString('en')} merchants) against the training population: PSI ${drift.psi.index.toFixed(3)} `}<Badge value={drift.psi.verdict} /></p>
            <StabilityBars title={`Drift as of ${drift.asOfDate}`} rows={[{ name: 'PD (PSI)', index: drift.psi.index }, ...[...drift.csi].sort((a, b) => b.index - a.index).slice(0, 15).map((c) => ({ name: c.feature, index: c.index }))]} />
          </>
        )}
      </section>
      <section class="card" aria-labelledby="events-title">
        <h2 id="events-title">History</h2>
        <table id="model-events">
          <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Who</th><th scope="col">Why</th></tr></thead>
          <tbody>{events.map((e) => <tr><td>{e.event_at}</td><td>{e.event}</td><td>{e.who}</td><td>{e.why}</td></tr>)}</tbody>
        </table>
      </section>
    </>
  );
}
