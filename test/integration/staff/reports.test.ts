/** The supervisor's reports and wallboard over the staff API, with the known report fixture. */
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { problemOf, startApi, type Api } from '../api/api-harness';
import { BILLING_CSR, REPAIR_CSR, staffSignIn, SUPERVISOR } from './staff-harness';
import { DAY1, DAY2, REPORT_NOW, seedReportFixture } from '../../support/report-fixture';

type Json = Record<string, unknown>;

describe('staff API: reports and wallboard', () => {
  let api: Api;
  let jordan: string;
  let alex: string;
  let validate: (operationId: string, body: unknown) => void;
  const range = `from=${DAY1}&to=${DAY2}`;

  before(async () => {
    api = await startApi({ env: { DEMO_HISTORY: 'true' } });
    await seedReportFixture(api.runtime.stores);
    api.clock.set(REPORT_NOW);
    [jordan, alex] = await Promise.all([staffSignIn(api, SUPERVISOR), staffSignIn(api, BILLING_CSR)]);
    await staffSignIn(api, REPAIR_CSR);
    const doc = (await api.http.get('/api/v1/staff/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema: Json }> }> }>> };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    validate = (operationId, body) => {
      const op = Object.values(doc.paths).flatMap((p) => Object.values(p)).find((o) => o.operationId === operationId);
      const schema = op?.responses['200']?.content?.['application/json']?.schema;
      assert.ok(schema && Object.keys(schema).length > 0, `${operationId} has a response schema`);
      assert.ok(ajv.validate(schema, body), `${operationId}: ${ajv.errorsText()}`);
    };
  });
  after(() => api.close());

  const get = (path: string, auth = jordan) => api.http.get(`/api/v1/staff${path}`).set('Authorization', auth);

  it('when the supervisor asks for containment, then shares by channel, procedure and day are the known ones', async () => {
    const res = await get(`/reports/containment?${range}`);
    assert.equal(res.status, 200, res.text);
    validate('staffReportContainment', res.body);
    assert.deepEqual(res.body.range, { from: DAY1, to: DAY2, days: 2 });
    assert.deepEqual(res.body.total, { contacts: 6, contained: 2, escalated: 2, abandoned: 1, containment: 0.333 });
    assert.deepEqual(res.body.byChannel, [
      { channel: 'chat', contacts: 3, contained: 1, escalated: 1, abandoned: 1, containment: 0.333 },
      { channel: 'voice', contacts: 2, contained: 1, escalated: 1, abandoned: 0, containment: 0.5 },
      { channel: 'portal', contacts: 1, contained: 0, escalated: 0, abandoned: 0, containment: 0 },
    ]);
    assert.deepEqual(res.body.byProcedure.map((p: Json) => [p.procedure, p.contacts, p.containment]), [['bill-adjustment', 2, 0.5], ['discontinue-service', 2, 0.5], ['none', 1, 0], ['payment-extension', 1, 0]]);
    assert.deepEqual(res.body.byDay, [
      { day: DAY1, contacts: 5, contained: 2, escalated: 1, abandoned: 1, containment: 0.4 },
      { day: DAY2, contacts: 1, contained: 0, escalated: 1, abandoned: 0, containment: 0 },
    ]);
  });

  it('when the supervisor asks for escalation reasons, then the most frequent come first with the refusal rule', async () => {
    const res = await get(`/reports/escalation-reasons?${range}`);
    assert.equal(res.status, 200, res.text);
    validate('staffReportEscalationReasons', res.body);
    assert.equal(res.body.total, 5);
    assert.deepEqual(res.body.items, [
      { reason: 'customer asked for a person', rule: 'above-self-service-limit', count: 2, share: 0.4 },
      { reason: 'technician needed', rule: 'none', count: 2, share: 0.4 },
      { reason: 'wants to talk about offers', rule: 'none', count: 1, share: 0.2 },
    ]);
  });

  it('when the supervisor asks for the queue report, then abandonment, time to answer and handle time are the known ones', async () => {
    const res = await get(`/reports/queue?${range}`);
    assert.equal(res.status, 200, res.text);
    validate('staffReportQueue', res.body);
    assert.deepEqual(res.body.byChannel, [
      { channel: 'chat', queued: 2, answered: 1, abandoned: 1, abandonment: 0.5, avgAnswerSec: 30, handled: 0, avgHandleSec: null },
      { channel: 'voice', queued: 3, answered: 1, abandoned: 0, abandonment: 0, avgAnswerSec: 60, handled: 1, avgHandleSec: 300 },
    ]);
    assert.deepEqual(res.body.bySkill, [
      { skill: 'billing', queued: 2, answered: 1, abandoned: 1, abandonment: 0.5, avgAnswerSec: 60, handled: 1, avgHandleSec: 300 },
      { skill: 'repair', queued: 2, answered: 0, abandoned: 0, abandonment: 0, avgAnswerSec: null, handled: 0, avgHandleSec: null },
      { skill: 'sales', queued: 1, answered: 1, abandoned: 0, abandonment: 0, avgAnswerSec: 30, handled: 0, avgHandleSec: null },
    ]);
  });

  it('when the supervisor asks for the funnel, then each procedure goes from started through its steps to finished', async () => {
    const res = await get(`/reports/funnel?${range}`);
    assert.equal(res.status, 200, res.text);
    validate('staffReportFunnel', res.body);
    const steps = (p: Json) => (p.steps as Json[]).map((s) => [s.label, s.interactions, s.share]);
    assert.deepEqual(res.body.procedures.map((p: Json) => [p.procedure, p.started, p.finished, p.completion]), [['bill-adjustment', 2, 1, 0.5], ['discontinue-service', 2, 1, 0.5], ['payment-extension', 1, 0, 0]]);
    assert.deepEqual(steps(res.body.procedures[0]), [['started', 2, 1], ['bill', 2, 1], ['item', 1, 0.5], ['finished', 1, 0.5]]);
    assert.deepEqual(steps(res.body.procedures[1]), [['started', 2, 1], ['service', 2, 1], ['reason', 1, 0.5], ['finished', 1, 0.5]]);
  });

  it('when the supervisor asks for marketing capture, then the answers are counted with their wording', async () => {
    const res = await get(`/reports/marketing?${range}`);
    assert.equal(res.status, 200, res.text);
    validate('staffReportMarketing', res.body);
    assert.deepEqual(res.body.questions, [
      { questionId: 'moving-to-provider', text: 'Which provider are you moving to?', total: 2, answers: [{ answerId: 'other-fiber', label: 'Another fiber provider', count: 2, share: 1 }] },
      { questionId: 'next-best-offer', text: 'Next-best offer made at the end of the contact', total: 1, answers: [{ answerId: 'declined', label: 'declined', count: 1, share: 1 }] },
    ]);
  });

  it('when a report is asked as CSV, then the same numbers come as a spreadsheet table', async () => {
    const res = await get(`/reports/queue?${range}&format=csv`);
    assert.equal(res.status, 200, res.text);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="queue-2025-03-10-2025-03-11\.csv"/);
    assert.deepEqual(res.text.split('\r\n'), [
      'group,key,queued,answered,abandoned,abandonment,avgAnswerSec,handled,avgHandleSec',
      'channel,chat,2,1,1,0.5,30,0,',
      'channel,voice,3,1,0,0,60,1,300',
      'skill,billing,2,1,1,0.5,60,1,300',
      'skill,repair,2,0,0,0,,0,',
      'skill,sales,1,1,0,0,30,0,',
      '',
    ]);
  });

  it('when the wallboard is read, then waiting, longest wait, CSRs signed in and busy, callbacks and today per channel are the known ones', async () => {
    const res = await get('/wallboard');
    assert.equal(res.status, 200, res.text);
    validate('staffWallboard', res.body);
    const skill = (name: string) => res.body.skills.find((s: Json) => s.skill === name);
    // Waiting since 12:00 and 12:05 on DAY2, read at 12:10: the longest wait is 10 minutes.
    assert.deepEqual(skill('repair'), { skill: 'repair', waiting: 2, longestWaitSec: 600, signedIn: 1, busy: 0, callbacksDue: 1 });
    assert.deepEqual(skill('billing'), { skill: 'billing', waiting: 0, longestWaitSec: 0, signedIn: 1, busy: 0, callbacksDue: 0 });
    assert.deepEqual(res.body.today.channels.find((c: Json) => c.channel === 'chat'), { channel: 'chat', contacts: 1, selfService: 0, escalated: 1, abandoned: 0 });
    assert.deepEqual(res.body.today.total, { contacts: 1, selfService: 0, escalated: 1, abandoned: 0 });
  });

  it('when the demo history is in the store, then every report of the last four weeks has something to show', async () => {
    const weeks = 'from=2026-10-24&to=2026-11-20';
    const [containment, reasons, queue, funnel, marketing] = await Promise.all(['containment', 'escalation-reasons', 'queue', 'funnel', 'marketing'].map((r) => get(`/reports/${r}?${weeks}`)));
    assert.ok(containment.body.total.contacts > 300 && containment.body.byDay.length >= 20, JSON.stringify(containment.body.total));
    assert.ok(containment.body.total.containment > 0.4 && containment.body.total.containment < 0.9);
    assert.equal(reasons.body.items.length, 10);
    assert.ok(queue.body.bySkill.length >= 4 && queue.body.byChannel.every((c: Json) => (c.queued as number) > 0));
    assert.ok(funnel.body.procedures.length >= 6 && funnel.body.procedures.every((p: Json) => (p.started as number) > (p.finished as number)));
    assert.ok(marketing.body.questions.length >= 3);
  });

  it('when a CSR asks for a report or the wallboard, then 403 and nothing is shown', async () => {
    for (const path of ['/reports/containment', '/reports/escalation-reasons', '/reports/queue', '/reports/funnel', '/reports/marketing', '/wallboard']) {
      const res = await get(path, alex);
      assert.equal(res.status, 403, path);
      assert.equal(problemOf(res).code, 'NOT_PERMITTED');
    }
  });

  it('when the range is not valid, then it is refused and names the field', async () => {
    const shape = await get('/reports/containment?from=10-03-2025');
    assert.equal(shape.status, 400);
    assert.equal(problemOf(shape).errors?.[0]?.path, 'query.from');
    const noDay = await get('/reports/containment?from=2025-13-01');
    assert.equal(noDay.status, 422);
    assert.equal(problemOf(noDay).code, 'VALIDATION_FAILED');
    assert.equal(problemOf(noDay).details?.field, 'from');
    const reversed = await get(`/reports/containment?from=${DAY2}&to=${DAY1}`);
    assert.equal(reversed.status, 422);
    assert.equal(problemOf(reversed).details?.field, 'from');
    const unknown = await get('/reports/containment?since=2025-01-01');
    assert.equal(unknown.status, 400);
    assert.equal(problemOf(unknown).errors?.[0]?.path, 'query.since');
  });
});
