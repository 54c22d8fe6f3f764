import { TestApp, bearer } from './test-app';
import { expectStatus } from './e2e-world';

/** Every page of an audit listing, following nextCursor. */
export async function allPages(t: TestApp, path: string, token: string, limit = 500): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: { body: { items: Record<string, unknown>[]; nextCursor: string | null } } = await expectStatus(
      t.http.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`).set(bearer(token)),
      200,
    );
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}
