import { KeyedLock } from '../../../src/guard/exchange/keyed-lock';

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedLock with a signal (the client went away)', () => {
  it('a waiting task whose client left never runs, and the next one waits only for those before it', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    let releaseFirst!: () => void;
    const first = lock.run('a', () => new Promise<void>((r) => (releaseFirst = r)));
    const gone = new AbortController();
    const second = lock.run('a', async () => void events.push('second ran'), gone.signal);
    const third = lock.run('a', async () => void events.push('third ran'));
    gone.abort();
    await expect(second).resolves.toBeUndefined();
    await tick();
    expect(events).toEqual([]);
    releaseFirst();
    await Promise.all([first, third]);
    expect(events).toEqual(['third ran']);
    expect(lock.size).toBe(0);
  });

  it('an already aborted signal gives up the turn at once', async () => {
    const lock = new KeyedLock();
    const gone = new AbortController();
    gone.abort();
    let ran = false;
    await expect(lock.run('a', async () => void (ran = true), gone.signal)).resolves.toBeUndefined();
    expect(ran).toBe(false);
    expect(lock.size).toBe(0);
  });
});
