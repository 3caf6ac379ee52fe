// Benchmark (issue 4, acceptance 7): how long Slack waits for the acknowledgement of `/finding`,
// against a bare Bolt app that only acknowledges, in the same harness and the same run. Both
// apps sit behind the project's HTTP server with Bolt's HTTPReceiver (signature checks on,
// `processBeforeResponse: false` as in production) and get the same signed requests,
// interleaved. Requests are sent and timed from a worker thread (as Slack is another machine,
// the client must not share the apps' event loop). The Auditbot app does its real work after
// the ack (identity, the core, views.open on a local fake Slack API); each request waits for
// that work to finish before the next is sent, so the figure is the ack path itself.
// Aim: p99 ratio at most 1.3.
// Run alone with `npx tsx bench/slack-ack.bench.ts`, or through `npm run bench`.
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { App, HTTPReceiver } from '@slack/bolt';
import { defaultRegistry } from '../src/chat/default-registry.js';
import { createSlackAdapter, SLACK_EVENTS_PATH } from '../adapters/slack/app.js';
import { toSlackLogger } from '../adapters/slack/log.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createHttpServer, type HttpServer } from '../src/server/http.js';
import { makeTestCore } from '../test/helpers/core.js';
import { seedSmallOrg } from '../test/helpers/seed.js';
import { FakeSlack } from '../test/slack/fake-slack.js';
import { commandFields, signature } from '../test/slack/sign.js';

export interface BenchResult {
  name: string;
  rows: Record<string, string | number>[];
  notes?: string[];
}

const SECRET = 'bench-signing-secret';
const AUDITOR = 'U0SEED0002';
const WARMUP = 200;
const RUNS = 3000;

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
const ms = (n: number): string => n.toFixed(3);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), p99: quantile(sorted, 0.99), mean, max: sorted[sorted.length - 1] ?? 0 };
}

async function serve(mount: (http: HttpServer) => void): Promise<{ http: HttpServer; url: string }> {
  const http = createHttpServer({ health: () => ({ ok: true }) });
  mount(http);
  const address = await http.listen(0, '127.0.0.1');
  return { http, url: `http://127.0.0.1:${address.port}${SLACK_EVENTS_PATH}` };
}

/** The load generator: a worker thread that signs, posts and times one request at a time. */
const CLIENT = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ id, url, body, signature, timestamp }) => {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature }, body });
  await res.arrayBuffer();
  parentPort.postMessage({ id, status: res.status, ms: performance.now() - started });
});
`;

function startClient(): { post(url: string, body: string): Promise<{ status: number; ms: number }>; stop(): Promise<number> } {
  const worker = new Worker(CLIENT, { eval: true });
  const waiting = new Map<number, (r: { status: number; ms: number }) => void>();
  let next = 0;
  worker.on('message', (m: { id: number; status: number; ms: number }) => {
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  });
  return {
    post(url, body) {
      const id = next++;
      const timestamp = Math.floor(Date.now() / 1000);
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ id, url, body, timestamp, signature: signature(SECRET, timestamp, body) });
      });
    },
    stop: () => worker.terminate(),
  };
}

export default async function bench(): Promise<BenchResult> {
  const silent = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
  const fake = await new FakeSlack().start();
  const t = makeTestCore('2027-01-04T10:00:00Z', { platforms: ['slack', 'console'] });
  seedSmallOrg(t);
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' });

  const auditbot = createSlackAdapter({ config, core: t.core, registry: defaultRegistry, logger: silent, processBeforeResponse: false, botId: 'B0AUDITBOT', botUserId: 'U0AUDITBOT' });
  await auditbot.start();
  const a = await serve((http) => auditbot.mount(http));

  const bareReceiver = new HTTPReceiver({ signingSecret: SECRET, signatureVerification: true, endpoints: SLACK_EVENTS_PATH, processBeforeResponse: false, logger: toSlackLogger(silent) });
  const bare = new App({ token: 'xoxb-bench', receiver: bareReceiver, botId: 'B0AUDITBOT', botUserId: 'U0AUDITBOT', logger: toSlackLogger(silent), convoStore: false, clientOptions: { slackApiUrl: fake.apiUrl } });
  bare.command('/finding', async ({ ack }) => {
    await ack();
  });
  const b = await serve((http) => http.mount('POST', SLACK_EVENTS_PATH, bareReceiver.requestListener));

  const client = startClient();
  const urls = { auditbot: a.url, bare: b.url };
  const samples: Record<'auditbot' | 'bare', number[]> = { auditbot: [], bare: [] };
  const untilModal: number[] = [];

  async function once(which: 'auditbot' | 'bare', record: boolean): Promise<void> {
    const fields = commandFields('/finding', 'Admin accounts without MFA', AUDITOR, { response_url: fake.responseUrl() });
    const isMine = (c: { method: string; body: Record<string, unknown> }) => c.method === 'views.open' && c.body.trigger_id === fields.trigger_id;
    const opened = which === 'auditbot' ? fake.waitFor(isMine) : null;
    const settled = which === 'auditbot' ? fake.answered(isMine) : null;
    const started = performance.now();
    const res = await client.post(urls[which], new URLSearchParams(fields).toString());
    if (res.status !== 200) throw new Error(`${which} answered ${res.status}`);
    if (record) samples[which].push(res.ms);
    if (opened && settled) {
      await opened;
      if (record) untilModal.push(performance.now() - started);
      // The next request goes out once the bot has its answer and the listener has ended.
      await settled;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  try {
    for (let i = 0; i < WARMUP; i++) {
      await once('auditbot', false);
      await once('bare', false);
      fake.calls.length = 0;
    }
    for (let i = 0; i < RUNS; i++) {
      // Alternating the order spreads any drift (GC, the other process on the core) evenly.
      const order: ('auditbot' | 'bare')[] = i % 2 === 0 ? ['auditbot', 'bare'] : ['bare', 'auditbot'];
      for (const which of order) await once(which, true);
      if (fake.calls.length > 1000) fake.calls.length = 0;
    }
  } finally {
    await client.stop();
    await a.http.close();
    await b.http.close();
    await fake.stop();
    t.db.$client.close();
  }

  const s = { auditbot: stats(samples.auditbot), bare: stats(samples.bare), modal: stats(untilModal) };
  const row = (name: string, x: ReturnType<typeof stats>) => ({ app: name, requests: RUNS, 'p50 ms': ms(x.p50), 'p90 ms': ms(x.p90), 'p99 ms': ms(x.p99), 'mean ms': ms(x.mean), 'max ms': ms(x.max) });
  return {
    name: 'Slack /finding: ack latency against a bare Bolt app (same harness, same run)',
    rows: [
      row('bare Bolt app (ack only)', s.bare),
      row('Auditbot /finding (ack)', s.auditbot),
      { app: 'ratio Auditbot / bare', requests: RUNS, 'p50 ms': (s.auditbot.p50 / s.bare.p50).toFixed(2), 'p90 ms': (s.auditbot.p90 / s.bare.p90).toFixed(2), 'p99 ms': (s.auditbot.p99 / s.bare.p99).toFixed(2), 'mean ms': (s.auditbot.mean / s.bare.mean).toFixed(2), 'max ms': '' },
      row('Auditbot /finding → views.open sent', s.modal),
    ],
    notes: [
      `Signed requests over loopback with keep-alive, sent and timed from a worker thread; ${WARMUP} warm-up pairs, then ${RUNS} interleaved pairs. Aim: p99 ratio ≤ 1.3. The last row is the time from sending /finding until the modal is requested from Slack (the trigger's 3-second budget), timed in the main thread.`,
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await bench();
  console.log(result.name);
  console.table(result.rows);
  for (const n of result.notes ?? []) console.log(n);
}
