// The reporting queries: counts, buckets and the first few rows of each list, computed by
// SQLite from narrow covering indexes (migration 0003) so that the digest and the review pack
// stay fast over hundreds of thousands of rows without reading the wide finding rows. Counts
// per period are index range counts; only the first rows of a list are read whole. Read-only.
import type { Statement } from 'better-sqlite3';
import { ACTION_STATUSES, type ActionStatus } from '../../src/core/corrective-actions/types.js';
import type {
  ActionItem,
  BucketCounts,
  ClassificationCounts,
  DeadNotificationItem,
  EvidenceItem,
  FindingItem,
  InstantWindow,
  OpenNonconformityItem,
  ReportingRepository,
  VerificationItem,
} from '../../src/core/reporting/ports.js';
import type { Db } from '../connection.js';
import { CLASSIFICATIONS, type Classification } from '../../src/core/shared/classification.js';

/** Long texts (statements, errors) are cut in SQL: a list item never needs more. */
const TEXT_CUT = 500;

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0);

/** Only the two named parameters: better-sqlite3 binds exactly what a statement names. */
const span = (w: InstantWindow): { from: string; to: string } => ({ from: w.from, to: w.to });

const zeroClasses = (): ClassificationCounts => ({ major: 0, minor: 0, ofi: 0, observation: 0 });

const isClassification = (c: string): c is Classification => (CLASSIFICATIONS as readonly string[]).includes(c);

/** `CASE WHEN col < ? THEN -1 WHEN col < ? THEN 0 … ELSE n-1 END`: bucket i holds b(i) ≤ col < b(i+1). */
function bucketCase(column: string, boundaries: number): string {
  const whens = Array.from({ length: boundaries }, (_, i) => `WHEN ${column} < ? THEN ${i - 1}`).join(' ');
  return `CASE ${whens} ELSE ${boundaries - 1} END`;
}

/**
 * Counts of `count` (a `SELECT COUNT(*) … WHERE` with `{col}` for the bucketed column) before the
 * first boundary and in each bucket, as index range counts in one statement.
 */
function rangeCounts(column: string, where: string, boundaries: number): { sql: string; params: (b: readonly string[]) => string[] } {
  const count = (cond: string) => `(SELECT COUNT(*) FROM ${where} AND ${cond})`;
  const parts = [count(`${column} < ?`), ...Array.from({ length: boundaries - 1 }, () => count(`${column} >= ? AND ${column} < ?`))];
  return {
    sql: `SELECT ${parts.map((p, i) => `${p} AS c${i}`).join(', ')}`,
    params: (b) => [b[0] ?? '', ...b.slice(0, -1).flatMap((x, i) => [x, b[i + 1] ?? ''])],
  };
}

function toBuckets(row: Record<string, unknown>, boundaries: number): BucketCounts {
  return { before: num(row.c0), buckets: Array.from({ length: boundaries - 1 }, (_, i) => num(row[`c${i + 1}`])) };
}

// The planner would take the unique (finding_id) index and read every action row; the covering
// index answers status, closure and due date from the index alone.
const OPEN_NC_JOIN = `findings f LEFT JOIN corrective_actions a INDEXED BY actions_finding_state ON a.finding_id = f.id`;
const OPEN = `(a.status IS NULL OR a.status NOT IN ('closed', 'withdrawn'))`;
/**
 * Only findings that stand are counted: a withdrawn finding, or a minor superseded by the major it
 * was raised to, stays in the register for the record but is no nonconformity or finding raised.
 */
const STANDS = `f.status = 'open'`;

const OVERDUE_AT = `a.opened_at < @at AND a.due < @date AND (a.implemented_at IS NULL OR a.implemented_at >= @at) AND (a.closed_at IS NULL OR a.closed_at >= @at)`;

const ACTION_ITEM_COLUMNS = `a.id AS id, a.finding_id AS findingId, f.classification AS classification, f.requirement AS requirement, f.area AS area,
  a.owner AS owner, a.status AS status, a.due AS due, a.closed_at AS closedAt`;

const FINDING_ITEM_COLUMNS = `f.id AS id, f.audit_id AS auditId, f.classification AS classification, f.requirement AS requirement, f.area AS area,
  f.owner AS owner, substr(f.statement, 1, ${TEXT_CUT}) AS statement, f.raised_at AS raisedAt`;

export function createReportingRepository(db: Db): ReportingRepository {
  const client = db.$client;
  const statements = new Map<string, Statement>();
  const stmt = (text: string): Statement => {
    let s = statements.get(text);
    if (!s) {
      s = client.prepare(text);
      statements.set(text, s);
    }
    return s;
  };
  const one = (text: string, params: Record<string, unknown> | unknown[] = {}): Record<string, unknown> =>
    (Array.isArray(params) ? stmt(text).get(...params) : stmt(text).get(params)) as Record<string, unknown>;
  const all = <T>(text: string, params: Record<string, unknown> | unknown[] = {}): T[] =>
    (Array.isArray(params) ? stmt(text).all(...params) : stmt(text).all(params)) as T[];

  /** The first `limit` items over classifications in the order given, each oldest first (one index walk per class). */
  function firstByClass<T>(classes: readonly Classification[], limit: number, query: (c: Classification, left: number) => T[]): T[] {
    const out: T[] = [];
    for (const c of classes) {
      if (out.length >= limit) break;
      out.push(...query(c, limit - out.length));
    }
    return out;
  }

  const actionList = (where: string, order: string, params: Record<string, unknown>): ActionItem[] =>
    all<ActionItem>(`SELECT ${ACTION_ITEM_COLUMNS} FROM corrective_actions a LEFT JOIN findings f ON f.id = a.finding_id WHERE ${where} ORDER BY ${order} LIMIT @limit`, params);

  return {
    openNonconformities({ recentSince, oldBefore, limit }) {
      const c = one(
        `SELECT COUNT(*) AS total, SUM(f.classification = 'major') AS major,
           SUM(f.raised_at >= @recent) AS recent,
           SUM(f.raised_at < @recent AND f.raised_at >= @old) AS middle,
           SUM(f.raised_at < @old) AS old
         FROM ${OPEN_NC_JOIN} WHERE f.classification IN ('major', 'minor') AND ${STANDS} AND ${OPEN}`,
        { recent: recentSince, old: oldBefore },
      );
      const items = firstByClass<OpenNonconformityItem>(['major', 'minor'], limit, (classification, left) =>
        all<OpenNonconformityItem>(
          `SELECT ${FINDING_ITEM_COLUMNS}, a.id AS actionId, a.status AS actionStatus, a.due AS actionDue
           FROM ${OPEN_NC_JOIN} WHERE f.classification = @classification AND ${STANDS} AND ${OPEN}
           ORDER BY f.raised_at, f.id LIMIT @left`,
          { classification, left },
        ),
      );
      const total = num(c.total);
      const major = num(c.major);
      return { total, major, minor: total - major, recent: num(c.recent), middle: num(c.middle), old: num(c.old), items };
    },

    currentOverdueActions({ today, limit }) {
      const total = num(one(`SELECT COUNT(*) AS n FROM corrective_actions a WHERE a.status IN ('open', 'planned') AND a.due < @today`, { today }).n);
      // One walk of the (status, due) index per status, merged: no sort over every overdue row.
      const items = (['open', 'planned'] as const)
        .flatMap((status) => actionList(`a.status = @status AND a.due < @today`, 'a.due, a.id', { status, today, limit }))
        .sort((x, y) => x.due.localeCompare(y.due) || x.id.localeCompare(y.id))
        .slice(0, limit);
      return { total, items };
    },

    overdueActionItemsAt({ at, limit }) {
      return actionList(OVERDUE_AT, 'a.due, a.id', { at: at.at, date: at.date, limit });
    },

    findingsRaised({ window, limit, classifications }) {
      const byClassification = zeroClasses();
      for (const r of all<{ classification: string; n: number }>(
        `SELECT classification, COUNT(*) AS n FROM findings f WHERE raised_at >= @from AND raised_at < @to AND ${STANDS} GROUP BY classification`,
        span(window),
      )) {
        if (isClassification(r.classification)) byClassification[r.classification] = num(r.n);
      }
      const wanted = CLASSIFICATIONS.filter((c) => (classifications ?? CLASSIFICATIONS).includes(c));
      const items = firstByClass<FindingItem>(wanted, limit, (classification, left) =>
        all<FindingItem>(
          `SELECT ${FINDING_ITEM_COLUMNS} FROM findings f
           WHERE f.classification = @classification AND f.raised_at >= @from AND f.raised_at < @to AND ${STANDS}
           ORDER BY f.raised_at, f.id LIMIT @left`,
          { ...span(window), classification, left },
        ),
      );
      return { total: wanted.reduce((n, c) => n + byClassification[c], 0), items, byClassification };
    },

    actionsClosed({ window, limit }) {
      // Closed after verification only: a withdrawn action also has a closed_at (when it ended).
      const total = num(one(`SELECT COUNT(*) AS n FROM corrective_actions WHERE closed_at >= @from AND closed_at < @to AND status = 'closed'`, span(window)).n);
      return { total, items: actionList(`a.closed_at >= @from AND a.closed_at < @to AND a.status = 'closed'`, 'a.closed_at DESC, a.id', { ...span(window), limit }) };
    },

    overdueEvidence({ today, limit }) {
      const where = `e.status IN ('requested', 'more_requested') AND e.due < @today AND au.status <> 'closed'`;
      const total = num(one(`SELECT COUNT(*) AS n FROM evidence_requests e JOIN audits au ON au.id = e.audit_id WHERE ${where}`, { today }).n);
      const items = all<EvidenceItem>(
        `SELECT e.id AS id, e.audit_id AS auditId, e.requirement AS requirement, e.owner AS owner, e.due AS due, e.status AS status
         FROM evidence_requests e JOIN audits au ON au.id = e.audit_id
         WHERE ${where} ORDER BY e.due, e.id LIMIT @limit`,
        { today, limit },
      );
      return { total, items };
    },

    overdueEvidenceAt(moments) {
      if (moments.length === 0) return [];
      const columns = moments.map((_, i) => `SUM(requested_at < ? AND due < ? AND status <> 'withdrawn' AND (submitted_at IS NULL OR submitted_at >= ?)) AS c${i}`);
      const row = one(`SELECT ${columns.join(', ')} FROM evidence_requests`, moments.flatMap((m) => [m.at, m.date, m.at]));
      return moments.map((_, i) => num(row[`c${i}`]));
    },

    deadNotifications({ limit }) {
      const total = num(one(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'dead'`).n);
      const items = all<DeadNotificationItem>(
        `SELECT id, key, platform, recipient, attempts, substr(last_error, 1, ${TEXT_CUT}) AS lastError, created_at AS createdAt
         FROM outbox WHERE status = 'dead' ORDER BY id DESC LIMIT @limit`,
        { limit },
      );
      return { total, items };
    },

    trend(boundaries) {
      const n = boundaries.length;
      if (n === 0) {
        const empty = (): BucketCounts => ({ before: 0, buckets: [] });
        return {
          raised: { major: empty(), minor: empty(), ofi: empty(), observation: empty() },
          actionsOpened: empty(),
          actionsClosed: empty(),
          nonconformitiesClosed: empty(),
          verificationsEffective: empty(),
          verificationsNotEffective: empty(),
        };
      }
      const counted = (column: string, where: string): BucketCounts => {
        const q = rangeCounts(column, where, n);
        return toBuckets(one(q.sql, q.params(boundaries)), n);
      };
      const raised = Object.fromEntries(CLASSIFICATIONS.map((c) => [c, counted('raised_at', `findings f WHERE classification = '${c}' AND ${STANDS}`)])) as Record<Classification, BucketCounts>;
      const nonconformitiesClosed: BucketCounts = { before: 0, buckets: Array.from({ length: n - 1 }, () => 0) };
      for (const r of all<{ b: number; n: number }>(
        `SELECT ${bucketCase('a.closed_at', n)} AS b, COUNT(*) AS n
         FROM findings f JOIN corrective_actions a INDEXED BY actions_finding_state ON a.finding_id = f.id
         WHERE f.classification IN ('major', 'minor') AND ${STANDS} AND a.status = 'closed' GROUP BY b`,
        [...boundaries],
      )) {
        const b = num(r.b);
        if (b < 0) nonconformitiesClosed.before += num(r.n);
        else if (b < n - 1) nonconformitiesClosed.buckets[b] = num(r.n);
      }
      return {
        raised,
        actionsOpened: counted('opened_at', 'corrective_actions WHERE 1'),
        actionsClosed: counted('closed_at', `corrective_actions WHERE status = 'closed'`),
        nonconformitiesClosed,
        verificationsEffective: counted('at', 'verifications WHERE effective = 1'),
        verificationsNotEffective: counted('at', 'verifications WHERE effective = 0'),
      };
    },

    overdueActionsAt(moments) {
      if (moments.length === 0) return [];
      // An action is overdue from the first moment it is open past its due date (`lo`) until the
      // first moment it is implemented or closed (`hi`), so each row is placed once by two CASEs
      // instead of being tested against every moment; moment i counts the rows with lo ≤ i < hi.
      const order = moments.map((m, i) => ({ m, i })).sort((x, y) => x.m.at.localeCompare(y.m.at));
      const n = order.length;
      const lo = `CASE ${order.map((_, k) => `WHEN opened_at < ? AND due < ? THEN ${k}`).join(' ')} ELSE ${n} END`;
      const hi = `CASE ${order.map((_, k) => `WHEN implemented_at < ? OR closed_at < ? THEN ${k}`).join(' ')} ELSE ${n} END`;
      const rows = all<{ lo: number; hi: number; n: number }>(
        `SELECT lo, hi, COUNT(*) AS n FROM (SELECT ${lo} AS lo, ${hi} AS hi FROM corrective_actions) WHERE lo < hi GROUP BY lo, hi`,
        [...order.flatMap(({ m }) => [m.at, m.date]), ...order.flatMap(({ m }) => [m.at, m.at])],
      );
      const counts = moments.map(() => 0);
      order.forEach(({ i }, k) => {
        counts[i] = rows.reduce((sum, r) => sum + (num(r.lo) <= k && k < num(r.hi) ? num(r.n) : 0), 0);
      });
      return counts;
    },

    findingsByArea(window) {
      return all<{ area: string; classification: Classification; count: number }>(
        `SELECT area, classification, COUNT(*) AS count FROM findings f WHERE raised_at >= @from AND raised_at < @to AND ${STANDS} GROUP BY area, classification ORDER BY area, classification`,
        span(window),
      ).map((r) => ({ area: r.area, classification: r.classification, count: num(r.count) }));
    },

    actionStatusCounts(openedIn) {
      const columns = ACTION_STATUSES.map((s) => `SUM(status = '${s}') AS "${s}"`).join(', ');
      const row = openedIn
        ? one(`SELECT ${columns} FROM corrective_actions WHERE opened_at >= @from AND opened_at < @to`, span(openedIn))
        : one(`SELECT ${ACTION_STATUSES.map((s) => `(SELECT COUNT(*) FROM corrective_actions WHERE status = '${s}') AS "${s}"`).join(', ')}`);
      return Object.fromEntries(ACTION_STATUSES.map((s) => [s, num(row[s])])) as Record<ActionStatus, number>;
    },

    notEffectiveVerifications({ window, limit }) {
      const total = num(one(`SELECT COUNT(*) AS n FROM verifications WHERE at >= @from AND at < @to AND effective = 0`, span(window)).n);
      const items = all<Omit<VerificationItem, 'effective'> & { effective: number }>(
        `SELECT v.action_id AS actionId, a.finding_id AS findingId, v.by AS by, v.at AS at, v.effective AS effective, substr(v.reason, 1, ${TEXT_CUT}) AS reason
         FROM verifications v JOIN corrective_actions a ON a.id = v.action_id
         WHERE v.at >= @from AND v.at < @to AND v.effective = 0
         ORDER BY v.at DESC, v.id DESC LIMIT @limit`,
        { ...span(window), limit },
      ).map((r) => ({ ...r, effective: num(r.effective) === 1 }));
      return { total, items };
    },

    openActionAges(at) {
      const r = one(
        `SELECT SUM(age <= 30) AS a, SUM(age > 30 AND age <= 60) AS b, SUM(age > 60 AND age <= 90) AS c, SUM(age > 90) AS d
         FROM (SELECT julianday(@at) - julianday(opened_at) AS age FROM corrective_actions WHERE opened_at < @at AND (closed_at IS NULL OR closed_at >= @at))`,
        { at },
      );
      return [num(r.a), num(r.b), num(r.c), num(r.d)];
    },

    evidenceTimeliness({ from, to }) {
      const late = `status <> 'withdrawn' AND submitted_at IS NOT NULL AND substr(submitted_at, 1, 10) > due`;
      const r = one(
        `SELECT COUNT(*) AS due,
           SUM(status <> 'withdrawn' AND submitted_at IS NOT NULL AND substr(submitted_at, 1, 10) <= due) AS onTime,
           SUM(${late}) AS late,
           SUM(status <> 'withdrawn' AND submitted_at IS NULL) AS outstanding,
           SUM(status = 'withdrawn') AS withdrawn,
           AVG(CASE WHEN ${late} THEN julianday(substr(submitted_at, 1, 10)) - julianday(due) END) AS averageDaysLate
         FROM evidence_requests WHERE due >= @from AND due <= @to`,
        { from, to },
      );
      return {
        due: num(r.due),
        onTime: num(r.onTime),
        late: num(r.late),
        outstanding: num(r.outstanding),
        withdrawn: num(r.withdrawn),
        averageDaysLate: Math.round(num(r.averageDaysLate) * 10) / 10,
      };
    },
  };
}
