import { KeyedQueue } from './keyed-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedQueue', () => {
  it('runs one key’s tasks one at a time, in order, other keys alongside', async () => {
    const queue = new KeyedQueue();
    const running = new Map<string, number>();
    const most = new Map<string, number>();
    const order: string[] = [];
    const task = (key: string, i: number) => async () => {
      running.set(key, (running.get(key) ?? 0) + 1);
      most.set(key, Math.max(most.get(key) ?? 0, running.get(key)!));
      await tick();
      order.push(`${key}${i}`);
      running.set(key, running.get(key)! - 1);
      return i;
    };
    const results = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => queue.run('a', task('a', i))),
      ...Array.from({ length: 5 }, (_, i) => queue.run('b', task('b', i))),
    ]);
    expect(results).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
    expect(most.get('a')).toBe(1);
    expect(most.get('b')).toBe(1);
    expect(order.filter((o) => o.startsWith('a'))).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    // Both keys progressed together: b's first finished before a's last.
    expect(order.indexOf('b0')).toBeLessThan(order.indexOf('a4'));
    await tick();
    expect(queue.size).toBe(0);
  });

  it('a failed task fails its caller only; the next one still runs', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('k', async () => {
      throw new Error('boom');
    });
    const next = queue.run('k', async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
