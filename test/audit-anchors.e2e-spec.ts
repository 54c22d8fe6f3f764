import { TestApp, bearer, startTestApp } from './support/test-app';
import { expectStatus, registerDistrict } from './support/e2e-world';

/** The worker anchors the log by itself (here every 5 events), and verification checks the anchors. */
describe('anchors recorded by the worker (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ANCHOR_EVERY_EVENTS: '5' });
  }, 60_000);

  afterAll(() => t?.close());

  it('anchors appear in the trail, chained and contiguous, and verify', async () => {
    const d = await registerDistrict(t); // five offices: five events
    await registerDistrict(t);
    let anchors: { position: string; data: { seq: number; fromPosition: string; toPosition: string; count: number } }[] = [];
    const deadline = Date.now() + 40_000;
    while (anchors.length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      anchors = (await expectStatus(t.http.get('/v1/audit/events?stream=anchors').set(bearer(d.inspector)), 200)).body.items;
    }
    expect(anchors.length).toBeGreaterThanOrEqual(2);
    expect(anchors[0].data).toMatchObject({ seq: 1, fromPosition: '1', count: 5 });
    expect(BigInt(anchors[1].data.fromPosition)).toBe(BigInt(anchors[0].data.toPosition) + 1n);
    const verified = await expectStatus(t.http.get('/v1/audit/verify').set(bearer(d.inspector)), 200);
    expect(verified.body).toMatchObject({ ok: true });
    expect(verified.body.anchors).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
