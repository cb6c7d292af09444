/**
 * Loads the merchant model into the simulator's scratch DuckDB (sim_* tables), from which the
 * SQL in sql/ expands merchant-days, payments and settlements.
 */
import type { Database } from '../db/index.ts';
import { buildCalendar, dayDemand } from './calendar.ts';
import { CONTROLS, controlRates, hourBuckets } from './controls.ts';
import { merchantId, type Network } from './network.ts';
import { SEGMENT_ORDER, SEGMENT_PROFILES } from './profiles.ts';
import { segmentClass } from '../schema/segment.ts';

const STAGE_DDL = `
CREATE OR REPLACE TABLE sim_run (seed UBIGINT, start_date DATE, days INTEGER);
CREATE OR REPLACE TABLE sim_month (month_idx INTEGER, month_end_date DATE, month_end_day INTEGER);
CREATE OR REPLACE TABLE sim_segment (segment_code INTEGER, segment VARCHAR, segment_class VARCHAR);
CREATE OR REPLACE TABLE sim_hour (segment_code INTEGER, bucket INTEGER, hour INTEGER);
CREATE OR REPLACE TABLE sim_day (day_idx INTEGER, day_date DATE, segment_code INTEGER,
  offline_factor DOUBLE, online_factor DOUBLE, o2o_factor DOUBLE);
CREATE OR REPLACE TABLE sim_merchant (m INTEGER, merchant_id VARCHAR, segment_code INTEGER,
  city_tier INTEGER, kyc_tier INTEGER, onboard_day INTEGER, end_day INTEGER, end_kind INTEGER,
  ticket_mu DOUBLE, ticket_sigma DOUBLE, mean_ticket DOUBLE, ticket_cv DOUBLE, base_count DOUBLE, growth DOUBLE, pool_size INTEGER,
  p_offline DOUBLE, p_online DOUBLE, p_o2o DOUBLE, p_csm DOUBLE, p_static DOUBLE, p_repeat DOUBLE,
  p_overseas DOUBLE, p_own DOUBLE, p_decline DOUBLE, declined_ticket_ratio DOUBLE, p_flag DOUBLE,
  p_offline_refund DOUBLE, p_remote_refund DOUBLE, frailty DOUBLE, size_factor DOUBLE);
CREATE OR REPLACE TABLE sim_merchant_month (m INTEGER, month_idx INTEGER, multiplier DOUBLE,
  sigma DOUBLE, gap_probability DOUBLE, state_code INTEGER, pd_12m DOUBLE);
CREATE OR REPLACE TABLE sim_line_event (event_id VARCHAR, line_id VARCHAR, merchant_id VARCHAR,
  event_day INTEGER, event_type VARCHAR, amount_fen BIGINT, interest_fen BIGINT, limit_fen BIGINT, balance_fen BIGINT,
  dpd INTEGER, instalments INTEGER, annual_rate DOUBLE, repayment VARCHAR);
`;

export async function stageNetwork(db: Database, net: Network): Promise<void> {
  await db.run(STAGE_DDL);
  await db.run('INSERT INTO sim_run VALUES ($seed, $start::DATE, $days)', { seed: net.seed, start: net.start, days: net.days });
  await db.append('sim_month', {
    month_idx: net.months.map((_, k) => k),
    month_end_date: net.months.map((month) => month.monthEnd),
    month_end_day: net.months.map((month) => month.monthEndDay),
  });
  await db.append('sim_segment', {
    segment_code: SEGMENT_ORDER.map((_, i) => i),
    segment: SEGMENT_ORDER,
    segment_class: SEGMENT_ORDER.map(segmentClass),
  });
  await stageCalendar(db, net);
  await stageMerchants(db, net);
}

async function stageCalendar(db: Database, net: Network): Promise<void> {
  const hours = { segment_code: [] as number[], bucket: [] as number[], hour: [] as number[] };
  SEGMENT_ORDER.forEach((segment, code) => {
    hourBuckets(SEGMENT_PROFILES[segment]).forEach((hour, bucket) => {
      hours.segment_code.push(code);
      hours.bucket.push(bucket);
      hours.hour.push(hour);
    });
  });
  await db.append('sim_hour', hours);
  // The payment expansion looks hours up in a constant list: cheaper than joining every payment.
  await db.run(`CREATE OR REPLACE MACRO sim_hour_of(s, b) AS ([${hours.hour.join(',')}])[(s) * 256 + (b) + 1]`);
  const calendar = buildCalendar(net.start, net.days);
  const days = { day_idx: [] as number[], day_date: [] as string[], segment_code: [] as number[], offline_factor: [] as number[], online_factor: [] as number[], o2o_factor: [] as number[] };
  calendar.forEach((day, index) => {
    SEGMENT_ORDER.forEach((segment, code) => {
      const demand = dayDemand(day, SEGMENT_PROFILES[segment]);
      days.day_idx.push(index);
      days.day_date.push(day.date);
      days.segment_code.push(code);
      days.offline_factor.push(demand.offline);
      days.online_factor.push(demand.online);
      days.o2o_factor.push(demand.o2o);
    });
  });
  await db.append('sim_day', days);
}

async function stageMerchants(db: Database, net: Network): Promise<void> {
  const n = net.size;
  const col = () => new Float64Array(n);
  const cols = {
    m: new Int32Array(n), merchant_id: new Array<string>(n), segment_code: new Int32Array(n),
    city_tier: new Int32Array(n), kyc_tier: new Int32Array(n), onboard_day: net.onboardDay, end_day: net.endDay,
    end_kind: new Int32Array(n), ticket_mu: net.ticketMu, ticket_sigma: net.ticketSigma, mean_ticket: col(), ticket_cv: col(), base_count: net.baseCount,
    growth: net.growth, pool_size: net.poolSize, p_offline: col(), p_online: col(), p_o2o: col(), p_csm: col(),
    p_static: col(), p_repeat: col(), p_overseas: col(), p_own: col(), p_decline: col(), declined_ticket_ratio: col(),
    p_flag: col(), p_offline_refund: col(), p_remote_refund: col(), frailty: net.frailty, size_factor: net.sizeFactor,
  };
  const nightShares = SEGMENT_ORDER.map((segment) => {
    const hours = SEGMENT_PROFILES[segment].hours;
    const total = hours.reduce((a, b) => a + b, 0);
    return hours.slice(0, CONTROLS.monitoringNightHour).reduce((a, b) => a + b, 0) / total;
  });
  for (let i = 0; i < n; i++) {
    const segment = net.segment[i];
    const profile = SEGMENT_PROFILES[SEGMENT_ORDER[segment]];
    cols.m[i] = i;
    cols.merchant_id[i] = merchantId(i);
    cols.segment_code[i] = segment;
    cols.city_tier[i] = net.cityTier[i];
    cols.kyc_tier[i] = net.kycTier[i];
    cols.end_kind[i] = net.endKind[i];
    // Per-merchant constants of the ticket distribution, so the settlement grain need not
    // recompute them for every merchant-day.
    cols.mean_ticket[i] = Math.exp(net.ticketMu[i] + (net.ticketSigma[i] ** 2) / 2);
    cols.ticket_cv[i] = Math.sqrt(Math.expm1(net.ticketSigma[i] ** 2));
    cols.p_offline[i] = profile.channel.offline;
    cols.p_online[i] = profile.channel.online;
    cols.p_o2o[i] = profile.channel.o2o;
    cols.p_csm[i] = profile.customerScansMerchant;
    cols.p_static[i] = profile.staticCode;
    cols.p_repeat[i] = profile.repeatShare;
    cols.p_overseas[i] = profile.overseasShare;
    cols.p_own[i] = profile.ownBankShare;
    const staticShare = profile.channel.offline * profile.customerScansMerchant * profile.staticCode;
    const rates = controlRates(net.ticketMu[i], net.ticketSigma[i], staticShare, nightShares[segment]);
    cols.p_decline[i] = rates.pDecline;
    cols.declined_ticket_ratio[i] = rates.declinedTicketRatio;
    cols.p_flag[i] = rates.pFlag;
    cols.p_offline_refund[i] = CONTROLS.refundOffline;
    cols.p_remote_refund[i] = CONTROLS.refundRemote;
  }
  await db.append('sim_merchant', cols);
  // Typed columns: at full scale this table has a row per merchant-month (18M for 1.5M merchants).
  const M = net.months.length;
  let rows = 0;
  for (let i = 0; i < n; i++) for (const month of net.months) if (trades(net, i, month)) rows++;
  const months = {
    m: new Int32Array(rows), month_idx: new Int32Array(rows), multiplier: new Float64Array(rows),
    sigma: new Float64Array(rows), gap_probability: new Float64Array(rows), state_code: new Int32Array(rows),
    pd_12m: new Float64Array(rows),
  };
  let r = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < M; k++) {
      if (!trades(net, i, net.months[k])) continue;
      const state = net.state[i * M + k];
      months.m[r] = i;
      months.month_idx[r] = k;
      months.multiplier[r] = net.multiplier[i * M + k];
      months.sigma[r] = net.sigma[i * M + k];
      months.gap_probability[r] = net.gapProbability[i * M + k];
      months.state_code[r] = state;
      months.pd_12m[r] = state < 3 ? net.pd[i * 3 + state] : state === 3 ? 1 : 0;
      r++;
    }
  }
  await db.append('sim_merchant_month', months);
}

/** Whether merchant i trades on some day of the month (onboarded by its end, not yet gone at its start). */
function trades(net: Network, i: number, month: Network['months'][number]): boolean {
  return month.lastDay >= net.onboardDay[i] && month.firstDay < net.endDay[i];
}
