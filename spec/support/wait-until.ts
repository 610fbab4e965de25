/**
 * Polls `condition` every 10 ms until it holds; throws naming `what` once
 * `timeoutMs` has passed. The condition is checked when the poll's own timer
 * has already fired, so a check that counts this process's timers does not
 * count the poll.
 */
export async function waitUntil(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
