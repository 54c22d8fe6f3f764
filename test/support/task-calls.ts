// Task calls for the task specs (test/task-*.e2e-spec.ts): a read, and a write that must succeed with the version it says.
import { TestApp, bearer } from './test-app';
import { expectStatus } from './e2e-world';

/** `app` is read at call time: the specs start their app in beforeAll. */
export function taskCalls(app: () => TestApp) {
  const getTask = async (id: string, token: string) => {
    const res = await expectStatus(app().http.get(`/v1/tasks/${id}`).set(bearer(token)), 200);
    return res;
  };

  /** A write that must succeed: exact status, the new version in the body and in the ETag. */
  const write = async (path: string, token: string, body: object, status: number, version: number) => {
    const res = await expectStatus(app().http.post(path).set(bearer(token)).send(body), status);
    expect(res.body.version).toBe(version);
    expect(res.headers.etag).toBe(`"${version}"`);
    return res;
  };
  return { getTask, write };
}
