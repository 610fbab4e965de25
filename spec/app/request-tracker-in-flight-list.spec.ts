/**
 * The request tracker's list of answers in flight: requests that end in any
 * order (first, middle, last, cut by the client) leave it, and a shutdown
 * that begins while some are in flight makes exactly those still unanswered
 * close their connection (RFC 9112 §9.6), as well as every later one.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestTracker } from '../../src/app/request-tracker';
import { createLogger } from '../../src/log/logger';
import { ProxyMetrics } from '../../src/metrics/proxy-metrics';
import { waitUntil } from '../support/wait-until';

interface Answer {
  status: number;
  connection: string | undefined;
}

let server: http.Server;
let tracker: RequestTracker;
let baseUrl: string;
/** Responses held open by the test, by the name in the request path. */
const held = new Map<string, http.ServerResponse>();
const agent = new http.Agent({ keepAlive: true });

beforeEach(async () => {
  held.clear();
  server = http.createServer((req, res) => {
    held.set(req.url!.slice(1), res);
  });
  tracker = new RequestTracker(new ProxyMetrics(), createLogger('silent'), () => 'passthrough');
  tracker.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function send(name: string): { answer: Promise<Answer>; request: http.ClientRequest } {
  let request!: http.ClientRequest;
  const answer = new Promise<Answer>((resolve, reject) => {
    request = http.get(`${baseUrl}/${name}`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
    });
    request.on('error', reject);
  });
  return { answer, request };
}

/** Sends one request after the other, each once the previous is held: the tracker sees them in this order. */
async function sendHeld(...names: string[]): Promise<Map<string, ReturnType<typeof send>>> {
  const sent = new Map<string, ReturnType<typeof send>>();
  for (const name of names) {
    sent.set(name, send(name));
    await waitUntil(`request ${name} held`, () => held.has(name));
  }
  return sent;
}

function finish(name: string): void {
  held.get(name)!.end('done');
}

it('counts answers in flight and lets each leave, whatever the order they end in', async () => {
  const sent = await sendHeld('a', 'b', 'c', 'd');
  expect(tracker.inFlightCount).toBe(4);

  finish('b'); // in the middle of the list
  await sent.get('b')!.answer;
  await waitUntil('b left', () => tracker.inFlightCount === 3);
  finish('d'); // the newest, at the head
  finish('a'); // the oldest, at the tail
  await Promise.all([sent.get('d')!.answer, sent.get('a')!.answer]);
  await waitUntil('a and d left', () => tracker.inFlightCount === 1);

  // A request the client gives up on leaves too: 'close' without 'finish'.
  sent.get('c')!.request.destroy();
  await sent.get('c')!.answer.catch(() => undefined);
  await waitUntil('c left', () => tracker.inFlightCount === 0);

  // The list still works once emptied.
  const again = await sendHeld('e');
  expect(tracker.inFlightCount).toBe(1);
  finish('e');
  await again.get('e')!.answer;
  await waitUntil('e left', () => tracker.inFlightCount === 0);
});

it('closes the connection after every answer still in flight when draining begins, and after later ones', async () => {
  const sent = await sendHeld('a', 'b', 'c', 'd');
  // The newest and one in the middle end before the shutdown: the walk over
  // what is left must still find the other two.
  finish('d');
  finish('b');
  const before = await Promise.all([sent.get('d')!.answer, sent.get('b')!.answer]);
  expect(before.map((answer) => answer.connection)).toEqual(['keep-alive', 'keep-alive']);

  tracker.startDraining();
  finish('a');
  finish('c');
  const during = await Promise.all([sent.get('a')!.answer, sent.get('c')!.answer]);
  expect(during.map((answer) => answer.connection)).toEqual(['close', 'close']);

  const later = await sendHeld('later');
  finish('later');
  expect((await later.get('later')!.answer).connection).toBe('close');
  await waitUntil('all left', () => tracker.inFlightCount === 0);
});
