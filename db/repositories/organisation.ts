import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import type { OrganisationRepository } from '../../src/core/organisation/ports.js';
import type { AreaRecord, OrganisationSnapshot, ScopeItem } from '../../src/core/organisation/types.js';
import type { Db } from '../connection.js';
import { applicability, areaScope, areas, organisation, people, teams } from '../schema.js';
import type { PersonRecord, Role } from '../../src/core/shared/people.js';

type PersonRow = typeof people.$inferSelect;
type AreaRow = typeof areas.$inferSelect;

const toPerson = (r: PersonRow): PersonRecord => ({
  email: r.email,
  name: r.name,
  team: r.team,
  manager: r.manager,
  timezone: r.timezone,
  roles: r.roles as Role[],
  slackId: r.slackId,
  teamsId: r.teamsId,
  chat: r.chat,
  lastPlatform: r.lastPlatform,
  active: r.active,
  country: r.country,
});

export function createOrganisationRepository(db: Db, now: () => string): OrganisationRepository {
  const preparePersonByEmail = () => db.select().from(people).where(eq(people.email, sql.placeholder('email'))).prepare();
  let personByEmail: ReturnType<typeof preparePersonByEmail> | undefined;
  const prepareOrganisation = () => db.select().from(organisation).where(eq(organisation.id, 1)).prepare();
  let organisationRow: ReturnType<typeof prepareOrganisation> | undefined;
  const scopeByArea = (): Map<string, ScopeItem[]> => {
    const map = new Map<string, ScopeItem[]>();
    for (const s of db.select().from(areaScope).orderBy(asc(areaScope.area), asc(areaScope.requirement)).all()) {
      const list = map.get(s.area) ?? [];
      list.push({ requirement: s.requirement, kind: s.kind, owner: s.owner });
      map.set(s.area, list);
    }
    return map;
  };
  const toArea = (r: AreaRow, scope: Map<string, ScopeItem[]>): AreaRecord => ({
    key: r.key,
    name: r.name,
    team: r.team,
    owner: r.owner,
    risk: r.risk,
    criteria: r.criteria,
    active: r.active,
    scope: scope.get(r.key) ?? [],
  });

  const repo: OrganisationRepository = {
    getOrganisation() {
      // Read for every DM queued (the recipient's holidays and zone): prepared once, on first use.
      organisationRow ??= prepareOrganisation();
      const row = organisationRow.get();
      return row ? { name: row.name, timezone: row.timezone, ...(row.holidays && row.holidays.length > 0 ? { holidays: row.holidays } : {}), ...(row.managementReview ? { managementReview: row.managementReview } : {}) } : null;
    },
    listTeams() {
      return db.select().from(teams).orderBy(asc(teams.key)).all();
    },
    listPeople(opts) {
      const q = db.select().from(people);
      const rows = opts?.includeInactive ? q.orderBy(asc(people.email)).all() : q.where(eq(people.active, true)).orderBy(asc(people.email)).all();
      return rows.map(toPerson);
    },
    getPerson(email) {
      // Read on every request (who is asking): prepared once, on first use.
      personByEmail ??= preparePersonByEmail();
      const row = personByEmail.get({ email: email.toLowerCase() });
      return row ? toPerson(row) : null;
    },
    findPersonBySlackId(slackId) {
      const row = db.select().from(people).where(eq(people.slackId, slackId)).get();
      return row ? toPerson(row) : null;
    },
    findPersonByTeamsId(teamsId) {
      const row = db.select().from(people).where(eq(people.teamsId, teamsId)).get();
      return row ? toPerson(row) : null;
    },
    listAreas() {
      const scope = scopeByArea();
      return db
        .select()
        .from(areas)
        .where(eq(areas.active, true))
        .orderBy(asc(areas.key))
        .all()
        .map((r) => toArea(r, scope));
    },
    getArea(key) {
      const row = db.select().from(areas).where(eq(areas.key, key)).get();
      if (!row) return null;
      const scope = db.select().from(areaScope).where(eq(areaScope.area, key)).orderBy(asc(areaScope.requirement)).all();
      return toArea(row, new Map([[key, scope.map((s) => ({ requirement: s.requirement, kind: s.kind, owner: s.owner }))]]));
    },
    listApplicability() {
      return db.select().from(applicability).orderBy(asc(applicability.control)).all();
    },
    snapshot(): OrganisationSnapshot {
      const scope = scopeByArea();
      return {
        organisation: repo.getOrganisation(),
        teams: repo.listTeams(),
        people: repo.listPeople({ includeInactive: true }),
        areas: db.select().from(areas).orderBy(asc(areas.key)).all().map((r) => toArea(r, scope)),
        applicability: repo.listApplicability(),
      };
    },
    applySnapshot(next) {
      if (next.organisation) {
        const org = { id: 1, name: next.organisation.name, timezone: next.organisation.timezone, holidays: next.organisation.holidays ?? [], managementReview: next.organisation.managementReview ?? null, updatedAt: now() };
        db.insert(organisation).values(org).onConflictDoUpdate({ target: organisation.id, set: org }).run();
      }
      const teamKeys = next.teams.map((t) => t.key);
      for (const t of next.teams) {
        db.insert(teams).values(t).onConflictDoUpdate({ target: teams.key, set: { name: t.name, active: t.active } }).run();
      }
      // Slack and Teams ids are unique: when an id moves from one person to another in the same
      // import, the old holder must let go before the new one is written, whatever the order.
      const stored = new Map(db.select({ email: people.email, slackId: people.slackId, teamsId: people.teamsId }).from(people).all().map((r) => [r.email, r]));
      for (const p of next.people) {
        const row = stored.get(p.email.toLowerCase());
        if (row && row.slackId !== null && row.slackId !== p.slackId) db.update(people).set({ slackId: null }).where(eq(people.email, row.email)).run();
        if (row && row.teamsId !== null && row.teamsId !== p.teamsId) db.update(people).set({ teamsId: null }).where(eq(people.email, row.email)).run();
      }
      // `manager` is a plain column (no foreign key), so people can be written in any order.
      for (const p of next.people) {
        const row = { ...p, email: p.email.toLowerCase() };
        db.insert(people)
          .values(row)
          .onConflictDoUpdate({
            target: people.email,
            set: {
              name: row.name,
              team: row.team,
              manager: row.manager,
              timezone: row.timezone,
              roles: row.roles,
              slackId: row.slackId,
              teamsId: row.teamsId,
              chat: row.chat,
              active: row.active,
              country: row.country ?? null,
            },
          })
          .run();
      }
      const emails = next.people.map((p) => p.email.toLowerCase());
      // notInArray of an empty list is `true`: a snapshot without people deactivates everyone.
      db.update(people).set({ active: false }).where(notInArray(people.email, emails)).run();
      for (const a of next.areas) {
        const { scope, ...row } = a;
        db.insert(areas)
          .values(row)
          .onConflictDoUpdate({ target: areas.key, set: { name: row.name, team: row.team, owner: row.owner, risk: row.risk, criteria: row.criteria, active: row.active } })
          .run();
        db.delete(areaScope).where(eq(areaScope.area, a.key)).run();
        for (const s of scope) db.insert(areaScope).values({ area: a.key, ...s }).run();
      }
      const areaKeys = next.areas.map((a) => a.key);
      db.update(areas).set({ active: false }).where(notInArray(areas.key, areaKeys)).run();
      db.update(teams).set({ active: false }).where(notInArray(teams.key, teamKeys)).run();
      db.delete(applicability).run();
      for (const s of next.applicability) db.insert(applicability).values(s).run();
    },
    updatePersonContact(email, patch) {
      if (Object.keys(patch).length === 0) return;
      db.update(people)
        .set(patch)
        .where(and(eq(people.email, email.toLowerCase())))
        .run();
    },
  };
  return repo;
}
