/**
 * An AbortSignal that fires when the client's connection closes before the
 * answer was sent in full: the guard then stops reading, forwards nothing,
 * and gives up its place in the same-alias queue.
 */
import type { ServerResponse } from 'node:http';

const signals = new WeakMap<ServerResponse, AbortSignal>();

export function clientGoneSignal(res: ServerResponse): AbortSignal {
  const known = signals.get(res);
  if (known) return known;
  const controller = new AbortController();
  if (res.destroyed && !res.writableFinished) controller.abort();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  signals.set(res, controller.signal);
  return controller.signal;
}
