// The reporting queries: counts, buckets and the first few rows of each list, computed by
// SQLite in one pass per question so that the digest and the review pack stay fast over
// hundreds of thousands of rows. Read-only: nothing here writes.
import type { Statement } from 'better-sqlite3';
import type { ActionStatus } from '../../src/core/actions/types.js';
import { ACTION_STATUSES } from '../../src/core/actions/types.js';
import { CLASSIFICATIONS, type Classification } from '../../src/core/findings/types.js';
import type {
  ActionItem,
  BucketCounts,
  ClassificationCounts,
  DeadNotificationItem,
  EvidenceItem,
  FindingItem,
  InstantWindow,
  Moment,
  OpenNonconformityItem,
  ReportingRepository,
  VerificationItem,
} from '../../src/core/reporting/ports.js';
import type { Db } from '../connection.js';

/** Long texts (statements, errors) are cut in SQL: a list item never needs more. */
const TEXT_CUT = 500;

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0);

/** Only the two named parameters: better-sqlite3 binds exactly what a statement names. */
const span = (w: InstantWindow): { from: string; to: string } => ({ from: w.from, to: w.to });

const zeroClasses = (): ClassificationCounts => ({ major: 0, minor: 0, ofi: 0, observation: 0 });

/** `CASE WHEN col < ? THEN -1 WHEN col < ? THEN 0 … ELSE n END`: bucket i holds b(i) ≤ col < b(i+1). */
function bucketCase(column: string, boundaries: number): string {
  const whens = Array.from({ length: boundaries }, (_, i) => `WHEN ${column} < ? THEN ${i - 1}`).join(' ');
  return `CASE ${whens} ELSE ${boundaries - 1} END`;
}

function emptyBuckets(n: number): BucketCounts {
  return { before: 0, buckets: Array.from({ length: Math.max(0, n - 1) }, () => 0) };
}

function addTo(counts: BucketCounts, bucket: number, value: number): void {
  if (bucket < 0) counts.before += value;
  else if (bucket < counts.buckets.length) counts.buckets[bucket] = (counts.buckets[bucket] ?? 0) + value;
}

const classificationList = (list: readonly Classification[]): string => {
  // The classifications come from a closed set; anything else is refused rather than quoted.
  for (const c of list) if (!(CLASSIFICATIONS as readonly string[]).includes(c)) throw new RangeError(`unknown classification ${c}`);
  return list.map((c) => `'${c}'`).join(', ');
};

const SEVERITY_ORDER = `CASE f.classification WHEN 'major' THEN 0 WHEN 'minor' THEN 1 WHEN 'ofi' THEN 2 ELSE 3 END`;

const OPEN_NC = `f.classification IN ('major', 'minor') AND (a.status IS NULL OR a.status <> 'closed')`;

const OVERDUE_ACTION_AT = `a.opened_at < @at AND a.due < @date AND (a.implemented_at IS NULL OR a.implemented_at >= @at) AND (a.closed_at IS NULL OR a.closed_at >= @at)`;

const ACTION_ITEM_COLUMNS = `a.id AS id, a.finding_id AS findingId, f.classification AS classification, f.requirement AS requirement, f.area AS area,
  a.owner AS owner, a.status AS status, a.due AS due, a.closed_at AS closedAt`;

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

  return {
    openNonconformities({ recentSince, oldBefore, limit }) {
      const c = one(
        `SELECT COUNT(*) AS total, SUM(f.classification = 'major') AS major,
           SUM(f.raised_at >= @recent) AS recent,
           SUM(f.raised_at < @recent AND f.raised_at >= @old) AS middle,
           SUM(f.raised_at < @old) AS old
         FROM findings f LEFT JOIN corrective_actions a ON a.finding_id = f.id
         WHERE ${OPEN_NC}`,
        { recent: recentSince, old: oldBefore },
      );
      const items = all<OpenNonconformityItem>(
        `SELECT f.id AS id, f.audit_id AS auditId, f.classification AS classification, f.requirement AS requirement, f.area AS area,
           f.owner AS owner, substr(f.statement, 1, ${TEXT_CUT}) AS statement, f.raised_at AS raisedAt,
           a.id AS actionId, a.status AS actionStatus, a.due AS actionDue
         FROM findings f LEFT JOIN corrective_actions a ON a.finding_id = f.id
         WHERE ${OPEN_NC}
         ORDER BY f.classification = 'major' DESC, f.raised_at ASC, f.id ASC
         LIMIT @limit`,
        { limit },
      );
      const total = num(c.total);
      const major = num(c.major);
      return { total, major, minor: total - major, recent: num(c.recent), middle: num(c.middle), old: num(c.old), items };
    },

    overdueActions({ at, limit }) {
      const params = { at: at.at, date: at.date };
      const total = num(one(`SELECT COUNT(*) AS n FROM corrective_actions a WHERE ${OVERDUE_ACTION_AT}`, params).n);
      const items = all<ActionItem>(
        `SELECT ${ACTION_ITEM_COLUMNS}
         FROM corrective_actions a LEFT JOIN findings f ON f.id = a.finding_id
         WHERE ${OVERDUE_ACTION_AT}
         ORDER BY a.due ASC, a.id ASC LIMIT @limit`,
        { ...params, limit },
      );
      return { total, items };
    },

    findingsRaised({ window, limit, classifications }) {
      const byClassification = zeroClasses();
      for (const r of all<{ classification: Classification; n: number }>(
        `SELECT classification, COUNT(*) AS n FROM findings WHERE raised_at >= @from AND raised_at < @to GROUP BY classification`,
        span(window),
      )) {
        byClassification[r.classification] = num(r.n);
      }
      const wanted = classifications ?? CLASSIFICATIONS;
      const total = wanted.reduce((n, c) => n + byClassification[c], 0);
      const items =
        wanted.length === 0
          ? []
          : all<FindingItem>(
              `SELECT f.id AS id, f.audit_id AS auditId, f.classification AS classification, f.requirement AS requirement, f.area AS area,
                 f.owner AS owner, substr(f.statement, 1, ${TEXT_CUT}) AS statement, f.raised_at AS raisedAt
               FROM findings f
               WHERE f.raised_at >= @from AND f.raised_at < @to AND f.classification IN (${classificationList(wanted)})
               ORDER BY ${SEVERITY_ORDER}, f.raised_at ASC, f.id ASC LIMIT @limit`,
              { ...span(window), limit },
            );
      return { total, items, byClassification };
    },

    actionsClosed({ window, limit }) {
      const total = num(one(`SELECT COUNT(*) AS n FROM corrective_actions WHERE closed_at >= @from AND closed_at < @to`, span(window)).n);
      const items = all<ActionItem>(
        `SELECT ${ACTION_ITEM_COLUMNS}
         FROM corrective_actions a LEFT JOIN findings f ON f.id = a.finding_id
         WHERE a.closed_at >= @from AND a.closed_at < @to
         ORDER BY a.closed_at DESC, a.id ASC LIMIT @limit`,
        { ...span(window), limit },
      );
      return { total, items };
    },

    overdueEvidence({ today, limit }) {
      const where = `e.status IN ('requested', 'more_requested') AND e.due < @today AND au.status <> 'closed'`;
      const total = num(one(`SELECT COUNT(*) AS n FROM evidence_requests e JOIN audits au ON au.id = e.audit_id WHERE ${where}`, { today }).n);
      const items = all<EvidenceItem>(
        `SELECT e.id AS id, e.audit_id AS auditId, e.requirement AS requirement, e.owner AS owner, e.due AS due, e.status AS status
         FROM evidence_requests e JOIN audits au ON au.id = e.audit_id
         WHERE ${where} ORDER BY e.due ASC, e.id ASC LIMIT @limit`,
        { today, limit },
      );
      return { total, items };
    },

    overdueEvidenceAt(moments) {
      if (moments.length === 0) return [];
      const columns = moments.map(
        (_, i) => `SUM(requested_at < ? AND due < ? AND status <> 'withdrawn' AND (submitted_at IS NULL OR submitted_at >= ?)) AS c${i}`,
      );
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
      const raised = Object.fromEntries(CLASSIFICATIONS.map((c) => [c, emptyBuckets(n)])) as Record<Classification, BucketCounts>;
      const result = {
        raised,
        actionsOpened: emptyBuckets(n),
        actionsClosed: emptyBuckets(n),
        nonconformitiesClosed: emptyBuckets(n),
        verificationsEffective: emptyBuckets(n),
        verificationsNotEffective: emptyBuckets(n),
      };
      if (n === 0) return result;
      const b = [...boundaries];
      for (const r of all<{ b: number; classification: Classification; n: number }>(
        `SELECT ${bucketCase('raised_at', n)} AS b, classification, COUNT(*) AS n FROM findings GROUP BY b, classification`,
        b,
      )) {
        addTo(raised[r.classification], num(r.b), num(r.n));
      }
      for (const r of all<{ b: number; n: number }>(`SELECT ${bucketCase('opened_at', n)} AS b, COUNT(*) AS n FROM corrective_actions GROUP BY b`, b)) {
        addTo(result.actionsOpened, num(r.b), num(r.n));
      }
      for (const r of all<{ b: number; nc: number; n: number }>(
        `SELECT ${bucketCase('a.closed_at', n)} AS b, f.classification IN ('major', 'minor') AS nc, COUNT(*) AS n
         FROM corrective_actions a JOIN findings f ON f.id = a.finding_id
         WHERE a.closed_at IS NOT NULL GROUP BY b, nc`,
        b,
      )) {
        addTo(result.actionsClosed, num(r.b), num(r.n));
        if (num(r.nc) === 1) addTo(result.nonconformitiesClosed, num(r.b), num(r.n));
      }
      for (const r of all<{ b: number; effective: number; n: number }>(`SELECT ${bucketCase('at', n)} AS b, effective, COUNT(*) AS n FROM verifications GROUP BY b, effective`, b)) {
        addTo(num(r.effective) === 1 ? result.verificationsEffective : result.verificationsNotEffective, num(r.b), num(r.n));
      }
      return result;
    },

    overdueActionsAt(moments: readonly Moment[]) {
      if (moments.length === 0) return [];
      const columns = moments.map(
        (_, i) => `SUM(opened_at < ? AND due < ? AND (implemented_at IS NULL OR implemented_at >= ?) AND (closed_at IS NULL OR closed_at >= ?)) AS c${i}`,
      );
      const row = one(`SELECT ${columns.join(', ')} FROM corrective_actions`, moments.flatMap((m) => [m.at, m.date, m.at, m.at]));
      return moments.map((_, i) => num(row[`c${i}`]));
    },

    findingsByArea(window) {
      return all<{ area: string; classification: Classification; count: number }>(
        `SELECT area, classification, COUNT(*) AS count FROM findings WHERE raised_at >= @from AND raised_at < @to GROUP BY area, classification ORDER BY area, classification`,
        span(window),
      ).map((r) => ({ area: r.area, classification: r.classification, count: num(r.count) }));
    },

    actionStatusCounts(openedIn) {
      const counts = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
      const rows = openedIn
        ? all<{ status: ActionStatus; n: number }>(`SELECT status, COUNT(*) AS n FROM corrective_actions WHERE opened_at >= @from AND opened_at < @to GROUP BY status`, span(openedIn))
        : all<{ status: ActionStatus; n: number }>(`SELECT status, COUNT(*) AS n FROM corrective_actions GROUP BY status`);
      for (const r of rows) counts[r.status] = num(r.n);
      return counts;
    },

    notEffectiveVerifications({ window, limit }) {
      const total = num(one(`SELECT COUNT(*) AS n FROM verifications WHERE effective = 0 AND at >= @from AND at < @to`, span(window)).n);
      const items = all<Omit<VerificationItem, 'effective'> & { effective: number }>(
        `SELECT v.action_id AS actionId, a.finding_id AS findingId, v.by AS by, v.at AS at, v.effective AS effective, substr(v.reason, 1, ${TEXT_CUT}) AS reason
         FROM verifications v JOIN corrective_actions a ON a.id = v.action_id
         WHERE v.effective = 0 AND v.at >= @from AND v.at < @to
         ORDER BY v.at DESC, v.id DESC LIMIT @limit`,
        { ...span(window), limit },
      ).map((r) => ({ ...r, effective: num(r.effective) === 1 }));
      return { total, items };
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
