import { KeyedLock } from '../../../src/guard/exchange/keyed-lock';

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedLock', () => {
  it('runs tasks of one key one after the other, in arrival order', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    let releaseFirst!: () => void;
    const first = lock.run('a', async () => {
      events.push('first start');
      await new Promise<void>((r) => (releaseFirst = r));
      events.push('first end');
    });
    const second = lock.run('a', async () => {
      events.push('second start');
    });
    await tick();
    expect(events).toEqual(['first start']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['first start', 'first end', 'second start']);
    expect(lock.size).toBe(0);
  });

  it('lets other keys run meanwhile, and survives a failing task', async () => {
    const lock = new KeyedLock();
    let releaseA!: () => void;
    const a = lock.run('a', () => new Promise<void>((r) => (releaseA = r)));
    await expect(lock.run('b', async () => 'b done')).resolves.toBe('b done');
    releaseA();
    await a;
    await expect(lock.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('a', async () => 'after failure')).resolves.toBe('after failure');
    expect(lock.size).toBe(0);
  });
});
