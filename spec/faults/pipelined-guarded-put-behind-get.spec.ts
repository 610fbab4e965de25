/**
 * A guarded PUT pipelined behind a GET in one write (RFC 9112 §9.3.2): the
 * proxy answers both in order, and the PUT goes through the guard like any
 * other: a refused change is answered 400 and never reaches the cluster, an
 * allowed one reaches it only after the guard's reads. A PUT inside a GET's
 * declared body is that GET's body, never a request of its own.
 */
import { rawExchange, isGuardRead } from './support/raw-exchange';
import { DEMO, useFaultStack } from './support/fault-stack';

const { relay, proxy } = useFaultStack();

const GET = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
// The demo alias sits on a text-embedding model; a regression model is another inference type.
const REFUSED_PUT = `PUT /_ml/trained_models/${DEMO.regression}/model_aliases/${DEMO.alias}?reassign=true HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
const ALLOWED_PUT = `PUT /_ml/trained_models/${DEMO.classification}/model_aliases/pipelined-alias HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;

it('a refused PUT behind a GET: 200 then the guard\'s 400, the PUT never forwarded', async () => {
  const exchange = await rawExchange(proxy().url, relay(), GET + REFUSED_PUT);
  expect(exchange.statuses).toEqual([200, 400]);
  expect(exchange.answer).toContain('"type":"status_exception"');
  expect(exchange.forwarded.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /']);
  expect(exchange.all.some(isGuardRead)).toBe(true);
});

it('an allowed PUT behind a GET: forwarded after the guard\'s reads', async () => {
  const exchange = await rawExchange(proxy().url, relay(), GET + ALLOWED_PUT);
  expect(exchange.statuses).toEqual([200, 200]);
  const order = exchange.all.map((r) => (isGuardRead(r) ? 'read' : `${r.method} ${r.url.split('?')[0]}`));
  expect(order[0]).toBe('GET /');
  expect(order[order.length - 1]).toBe(`PUT /_ml/trained_models/${DEMO.classification}/model_aliases/pipelined-alias`);
  expect(order.slice(1, -1).length).toBeGreaterThan(0);
  expect(order.slice(1, -1).every((o) => o === 'read')).toBe(true);
});

it('a PUT written inside a GET\'s declared body is that body', async () => {
  const bytes = `GET /fault-index/_search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${REFUSED_PUT.length}\r\nConnection: close\r\n\r\n${REFUSED_PUT}`;
  const exchange = await rawExchange(proxy().url, relay(), bytes);
  expect(exchange.statuses).toHaveLength(1);
  expect(exchange.all.map((r) => [r.method, r.url, r.body().toString('latin1')])).toEqual([['GET', '/fault-index/_search', REFUSED_PUT]]);
});
