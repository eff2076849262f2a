import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { MembershipRole } from '../../../contracts/people.ts';
import type { Actor, Role } from '../../platform/access.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { Tx } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import type { BodyKind } from '../../platform/schema.ts';
import { DEFAULT_PROFILE } from '../congress/profile.presets.ts';
import { type Fixture, FixtureSchema } from './fixture.schema.ts';
import { importFixtureMeeting } from './import-meeting.ts';
import { importMeetingTexts } from './import-meeting-texts.ts';
import { importMeetingBusiness } from './import-business.ts';

const ROLE_OF: Record<string, MembershipRole> = { 主任: 'chair', 副主任: 'vice_chair', 秘书长: 'secretary_general', 委员: 'member' };
const LEADERSHIP: readonly MembershipRole[] = ['chair', 'vice_chair', 'secretary_general'];

export interface ImportResult {
  congressId: string;
  created: number;
  demoPassword: string | null;
}

export function readFixture(path: string): Fixture {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw errors.badRequest(`无法读取导入文件：${String(e)}`, `Cannot read the import file: ${String(e)}`);
  }
  const parsed = FixtureSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw errors.invalid('INVALID_FIXTURE', `导入文件格式不符（${i?.path.join('.') ?? ''}）`, `The import file does not match (${i?.path.join('.') ?? ''}: ${i?.message ?? ''})`);
  }
  return parsed.data;
}

/** Rows are looked up by their natural keys and only missing ones are inserted, so a rerun changes nothing. */
class Upserter {
  created = 0;
  constructor(private readonly tx: Tx) {}

  async congress(slug: string, row: { parent_id: string | null; level: 'province' | 'city' | 'county'; name: string; standing_committee_name: string | null; short_name: string | null; region: string }) {
    const found = await this.tx.selectFrom('congresses').select('id').where('slug', '=', slug).executeTakeFirst();
    if (found) return found.id;
    const id = newId();
    const at = nowIso();
    await this.tx.insertInto('congresses').values({ id, slug, name_en: null, created_at: at, ...row }).execute();
    await this.tx.insertInto('rules_profiles').values({ congress_id: id, data: JSON.stringify(DEFAULT_PROFILE), updated_at: at, updated_by: null }).execute();
    this.created++;
    return id;
  }

  async term(congressId: string, number: number) {
    const found = await this.tx.selectFrom('terms').select('id').where('congress_id', '=', congressId).where('number', '=', number).executeTakeFirst();
    if (found) return found.id;
    const id = newId();
    await this.tx.insertInto('terms').values({ id, congress_id: congressId, number, start_date: null, end_date: null }).execute();
    this.created++;
    return id;
  }

  async body(congressId: string, kind: BodyKind, name: string, termId: string | null, sortOrder: number) {
    const found = await this.tx.selectFrom('bodies').select('id').where('congress_id', '=', congressId).where('kind', '=', kind).where('name', '=', name).executeTakeFirst();
    if (found) return found.id;
    const id = newId();
    await this.tx.insertInto('bodies').values({ id, congress_id: congressId, term_id: termId, kind, name, parent_body_id: null, sort_order: sortOrder, created_at: nowIso() }).execute();
    this.created++;
    return id;
  }

  async person(congressId: string, name: string) {
    const found = await this.tx.selectFrom('people').select('id').where('congress_id', '=', congressId).where('name', '=', name).executeTakeFirst();
    if (found) return found.id;
    const id = newId();
    await this.tx.insertInto('people').values({ id, congress_id: congressId, name, gender: null, note: null, created_at: nowIso() }).execute();
    this.created++;
    return id;
  }

  async membership(congressId: string, bodyId: string, personId: string, role: MembershipRole, rank: number, post: string | null) {
    const found = await this.tx.selectFrom('memberships').select('id').where('congress_id', '=', congressId).where('body_id', '=', bodyId).where('person_id', '=', personId).executeTakeFirst();
    if (found) return;
    await this.tx.insertInto('memberships').values({ id: newId(), congress_id: congressId, body_id: bodyId, person_id: personId, role, rank, post, start_date: null, end_date: null }).execute();
    this.created++;
  }

  async user(username: string, row: { display_name: string; person_id: string | null; home_congress_id: string; is_superadmin: number; password_hash: () => Promise<string> }) {
    const found = await this.tx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (found) return { id: found.id, created: false };
    const id = newId();
    const at = nowIso();
    const { password_hash, ...rest } = row;
    await this.tx
      .insertInto('users')
      .values({ id, username, ...rest, password_hash: await password_hash(), locked: 0, totp_secret: null, totp_enabled: 0, created_at: at, password_changed_at: at })
      .execute();
    this.created++;
    return { id, created: true };
  }

  async grant(userId: string, congressId: string, role: Role) {
    const found = await this.tx.selectFrom('role_grants').select('role').where('user_id', '=', userId).where('congress_id', '=', congressId).where('role', '=', role).executeTakeFirst();
    if (found) return;
    await this.tx.insertInto('role_grants').values({ user_id: userId, congress_id: congressId, role, granted_at: nowIso() }).execute();
    this.created++;
  }
}

class NothingToImport extends Error {}

export const SYSTEM_ACTOR: Actor = { kind: 'public', ip: null };

/**
 * Imports a congress from the gazette fixture: the provincial parent, the city congress and its
 * term, bodies, handling units, the standing committee's members in the gazette's order, and demo
 * accounts (admin, office, m01…m41) sharing one password: `demoPassword`, or a random one that is
 * returned so the caller can print it once. A second run finds everything and changes nothing.
 */
export async function importFixture(ctx: Ctx, fixture: Fixture, demoPassword: string | undefined): Promise<ImportResult> {
  const password = demoPassword ?? randomBytes(9).toString('base64url');
  let hash: Promise<string> | undefined;
  // One hash for the whole demo set: they share a password by design, and it keeps start-up quick.
  const demoHash = () => (hash ??= hashPassword(password));
  let usersCreated = 0;
  try {
    const res = await runCommand(ctx, async (tx, rec) => {
      const up = new Upserter(tx);
      const f = fixture.congress;
      const provinceId = await up.congress('henan', { parent_id: null, level: 'province', name: `${f.province}人民代表大会`, standing_committee_name: `${f.province}人民代表大会常务委员会`, short_name: '省人大', region: f.province });
      const cid = await up.congress('hebi', { parent_id: provinceId, level: f.level, name: f.name, standing_committee_name: f.standingCommittee, short_name: f.shortName ?? null, region: f.name.replace('人民代表大会', '') });
      const termId = await up.term(cid, f.term);

      const sc = await up.body(cid, 'standing_committee', f.standingCommittee, termId, 0);
      const council = await up.body(cid, 'chairpersons_council', '主任会议', termId, 1);
      for (const [i, name] of fixture.bodies.specialCommittees.entries()) await up.body(cid, 'special_committee', name, termId, i);
      for (const [i, name] of fixture.bodies.workingOrgans.entries()) await up.body(cid, 'working_organ', name, null, i);
      for (const [i, name] of fixture.handlingUnits.entries()) await up.body(cid, 'handling_unit', name, null, i);
      const known = new Set(fixture.handlingUnits);
      for (const [i, g] of (fixture.meeting?.nonVotingAttendees?.groups ?? []).entries()) {
        if (!known.has(g.org)) await up.body(cid, 'external_organ', g.org, null, i);
      }

      const memberUsers: { userId: string; role: MembershipRole }[] = [];
      for (const [i, m] of fixture.standingCommitteeMembers.members.entries()) {
        const role = ROLE_OF[m.role] ?? 'member';
        const personId = await up.person(cid, m.name);
        await up.membership(cid, sc, personId, role, i + 1, m.posts?.join('、') ?? null);
        if (LEADERSHIP.includes(role)) await up.membership(cid, council, personId, role, i + 1, null);
        const username = `m${String(i + 1).padStart(2, '0')}`;
        const u = await up.user(username, { display_name: m.name, person_id: personId, home_congress_id: cid, is_superadmin: 0, password_hash: demoHash });
        if (u.created) usersCreated++;
        memberUsers.push({ userId: u.id, role });
      }
      for (const { userId, role } of memberUsers) {
        await up.grant(userId, cid, 'member');
        if (LEADERSHIP.includes(role)) await up.grant(userId, cid, 'chair');
      }

      const admin = await up.user('admin', { display_name: '系统管理员', person_id: null, home_congress_id: cid, is_superadmin: 1, password_hash: demoHash });
      const office = await up.user('office', { display_name: '办公室', person_id: null, home_congress_id: cid, is_superadmin: 0, password_hash: demoHash });
      if (admin.created) usersCreated++;
      if (office.created) usersCreated++;
      await up.grant(admin.id, cid, 'admin');
      await up.grant(admin.id, provinceId, 'admin');
      await up.grant(office.id, cid, 'office');

      up.created += await importFixtureMeeting(tx, cid, termId, fixture.meeting); // the 6th meeting, before it opened
      up.created += await importMeetingTexts(ctx, tx, cid, termId, fixture.meeting); // its documents from the gazette seed, and the gazette
      up.created += await importMeetingBusiness(tx, cid, termId, fixture.meeting); // its bills and reports, with the gazette's outcomes
      if (up.created === 0) throw new NothingToImport();
      rec.audit({ congressId: cid, action: 'import.fixture', targetType: 'congress', targetId: cid, data: { created: up.created, members: fixture.standingCommitteeMembers.members.length } });
      return { congressId: cid, created: up.created };
    });
    return { ...res, demoPassword: usersCreated > 0 ? password : null };
  } catch (e) {
    if (!(e instanceof NothingToImport)) throw e;
    const c = await ctx.db.selectFrom('congresses').select('id').where('slug', '=', 'hebi').executeTakeFirstOrThrow();
    return { congressId: c.id, created: 0, demoPassword: null };
  }
}
