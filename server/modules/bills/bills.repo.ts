import type { Updateable } from 'kysely';
import { nowIso } from '../../platform/clock.ts';
import type { Conn, Tx } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import { expectChanged, forUpdate } from '../../platform/guard.ts';
import type { BillTable } from '../../platform/schema.ts';
import { standingCommitteeOf } from '../congress/congress.repo.ts';

export const billNotFound = () => errors.notFound('Bill', '该议案');

export async function findBill(conn: Conn, billId: string): Promise<BillTable | undefined> {
  return conn.selectFrom('bills').selectAll().where('id', '=', billId).executeTakeFirst();
}

/**
 * The bill as a command's transaction sees it, locked until commit on PostgreSQL: every bill command
 * decides on this row (and the rows under it: co-signers, readings, statements), never on one read
 * before its transaction.
 */
export async function lockBill(tx: Tx, congressId: string, billId: string): Promise<BillTable> {
  const b = await forUpdate(tx, tx.selectFrom('bills').selectAll().where('congress_id', '=', congressId).where('id', '=', billId)).executeTakeFirst();
  if (!b) throw billNotFound();
  return b;
}

/** Writes a bill only if it is still in the state `b` was read in; CONCURRENT_CHANGE when another command moved it first. */
export async function moveBill(tx: Tx, b: Pick<BillTable, 'id' | 'congress_id' | 'state'>, patch: Updateable<BillTable>): Promise<void> {
  expectChanged(await tx.updateTable('bills').set({ ...patch, updated_at: nowIso() }).where('congress_id', '=', b.congress_id).where('id', '=', b.id).where('state', '=', b.state).executeTakeFirst());
}

export async function cosignerRows(conn: Conn, congressId: string, billId: string) {
  return conn
    .selectFrom('bill_cosigners')
    .innerJoin('people', 'people.id', 'bill_cosigners.person_id')
    .select(['bill_cosigners.person_id', 'people.name', 'bill_cosigners.confirmed_at', 'bill_cosigners.position'])
    .where('bill_cosigners.congress_id', '=', congressId)
    .where('bill_cosigners.bill_id', '=', billId)
    .orderBy('bill_cosigners.position')
    .execute();
}

/** Members of the Standing Committee on a date (全体组成人员), by person id. */
export async function standingMembersOn(conn: Conn, congressId: string, date: string): Promise<Set<string>> {
  const sc = await standingCommitteeOf(conn, congressId);
  if (!sc) return new Set();
  const rows = await conn
    .selectFrom('memberships')
    .select('person_id')
    .where('congress_id', '=', congressId)
    .where('body_id', '=', sc.id)
    .where((eb) => eb.and([eb.or([eb('start_date', 'is', null), eb('start_date', '<=', date)]), eb.or([eb('end_date', 'is', null), eb('end_date', '>', date)])]))
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function nextActionSeq(conn: Conn, billId: string): Promise<number> {
  const r = await conn.selectFrom('bill_actions').select((eb) => eb.fn.max<number | string | null>('seq').as('m')).where('bill_id', '=', billId).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}
