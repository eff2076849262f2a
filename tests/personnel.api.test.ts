// The personnel register through HTTP (domain §8): posts and holdings over time, the acts of one
// meeting applied together, the checks, and the 6th meeting's personnel list in the gazette's groups.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';
import { Actors, expectOk, expectRefusal } from './meetings.helpers.ts';

let t: TestApp;
let office: string;
let sixthId: string;
const C = () => `/api/v1/congresses/${t.hebiId}`;

const count = async (table: 'posts' | 'post_holdings') => (await t.yishi.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

async function person(name: string): Promise<string> {
  const found = await t.yishi.handle.db.selectFrom('people').select('id').where('congress_id', '=', t.hebiId).where('name', '=', name).executeTakeFirst();
  if (found) return found.id;
  const r = await t.request('POST', `${C()}/people`, { token: office, body: { name } });
  expectOk(r, 201);
  return r.body.id as string;
}
async function post(organ: string, title: string, singleHolder = true): Promise<string> {
  const r = await t.request('POST', `${C()}/posts`, { token: office, body: { organ, title, singleHolder } });
  expectOk(r, 201);
  return r.body.id as string;
}

before(async () => {
  t = await startTestApp();
  office = await new Actors(t).token('office');
  const list = await t.request('GET', `${C()}/meetings`);
  sixthId = list.body.find((m: { number: number }) => m.number === 6).id;
});
after(() => t.close());

test('§8: the 6th meeting removes 牛海民 from market regulation and appoints him to the development commission', async () => {
  const fgw = await post('鹤壁市人民政府', '鹤壁市发展和改革委员会主任');
  const scj = await post('鹤壁市人民政府', '鹤壁市市场监督管理局局长');
  const [niu, ma, hu] = [await person('牛海民'), await person('马海澎'), await person('胡万军')];
  expectOk(
    await t.request('POST', `${C()}/personnel-acts`, {
      token: office,
      body: { date: '2021-03-01', acts: [{ act: 'decide_appoint', personId: ma, postId: fgw }, { act: 'decide_appoint', personId: niu, postId: scj }] },
    }),
  );
  const r = await t.request('POST', `${C()}/personnel-acts`, {
    token: office,
    body: {
      meetingId: sixthId,
      date: '2023-08-24',
      acts: [
        { act: 'decide_appoint', personId: niu, postId: fgw },
        { act: 'decide_appoint', personId: hu, postId: scj },
        { act: 'decide_remove', personId: ma, postId: fgw },
        { act: 'decide_remove', personId: niu, postId: scj },
      ],
    },
  });
  expectOk(r);
  assert.equal(r.body.changes, 4);
  const posts = (await t.request('GET', `${C()}/posts`, { token: office })).body as { id: string; holdings: { name: string; endDate: string | null; appointedMeetingId: string | null; removedMeetingId: string | null; removedAct: string | null }[] }[];
  const dev = posts.find((p) => p.id === fgw)!;
  assert.deepEqual(
    dev.holdings.map((h) => [h.name, h.endDate]),
    [
      ['马海澎', '2023-08-24'],
      ['牛海民', null],
    ],
  );
  assert.equal(dev.holdings[0]!.removedMeetingId, sixthId);
  assert.equal(dev.holdings[0]!.removedAct, 'decide_remove');
  assert.equal(dev.holdings[1]!.appointedMeetingId, sixthId);
  const market = posts.find((p) => p.id === scj)!;
  assert.deepEqual(
    market.holdings.map((h) => [h.name, h.endDate]),
    [
      ['牛海民', '2023-08-24'],
      ['胡万军', null],
    ],
  );

  // A second holder for a single post, a removal from a post not held: refused, nothing changed.
  const n = await count('post_holdings');
  const other = await person('赵丽洁');
  expectRefusal(await t.request('POST', `${C()}/personnel-acts`, { token: office, body: { date: '2023-09-01', acts: [{ act: 'decide_appoint', personId: other, postId: fgw }] } }), 409, '§8', 'POST_OCCUPIED');
  expectRefusal(await t.request('POST', `${C()}/personnel-acts`, { token: office, body: { date: '2023-09-01', acts: [{ act: 'decide_remove', personId: ma, postId: fgw }] } }), 422, '§8', 'POST_NOT_HELD');
  // All or nothing: a valid removal with an invalid one leaves the holding as it was.
  expectRefusal(
    await t.request('POST', `${C()}/personnel-acts`, {
      token: office,
      body: { date: '2023-09-01', acts: [{ act: 'decide_remove', personId: hu, postId: scj }, { act: 'remove', personId: other, postId: fgw }] },
    }),
    422,
    '§8',
    'POST_NOT_HELD',
  );
  assert.equal(await count('post_holdings'), n);
  const again = (await t.request('GET', `${C()}/posts`, { token: office })).body as { id: string; holdings: { endDate: string | null }[] }[];
  assert.equal(again.find((p) => p.id === scj)!.holdings.at(-1)!.endDate, null);
});

test('§8: a post that allows several holders takes them', async () => {
  const judge = await post('鹤壁市中级人民法院', '审判员', false);
  const acts = [await person('审判员甲'), await person('审判员乙')].map((personId) => ({ act: 'appoint', personId, postId: judge }));
  expectOk(await t.request('POST', `${C()}/personnel-acts`, { token: office, body: { date: '2023-08-24', acts } }));
});

test('§8 (L2288–L2331): the 6th meeting’s personnel list prints in its three groups', async () => {
  const r = await t.request('GET', `/api/v1/meetings/${sixthId}/personnel-list`, { token: office });
  expectOk(r);
  const shape = r.body.groups.map((g: { group: number; acts: { actZh: string; people: { name: string }[] }[] }) => [g.group, g.acts.map((a) => [a.actZh, a.people.map((p) => p.name)])]);
  assert.deepEqual(shape, [
    [
      1,
      [
        ['决定任命', ['牛海民', '胡万军', '赵丽洁']],
        ['决定免去', ['马海澎', '牛海民', '吴登贺']],
      ],
    ],
    [
      2,
      [
        ['任命', ['李晓晔']],
        ['免去', ['卢国平', '骆慧杰', '李振亚', '王宏春']],
      ],
    ],
    [3, [['任命', ['苏康健']]]],
  ]);
  assert.equal(r.body.groups[0].acts[0].people[2].gender, 'female');
});
