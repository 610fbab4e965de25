/**
 * The proxy's `media_type_header_exception` carries the media type
 * Elasticsearch gives it: the failed headers are dropped before the answer is
 * built, so an unserved `compatible-with` version is answered
 * `application/json`, never labelled with the version it rejects; a failed
 * Accept alone is labelled after the surviving Content-Type.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { acceptHeaderRejection, compatibleVersionRejection } from '../../src/rest/compatible-version';
import { sendGuardError } from '../../src/http/send-guard-error';
import type { GuardError } from '../../src/errors';
import { raw } from '../support/http-client';

const V6 = 'application/vnd.elasticsearch+json;compatible-with=6';
const V8 = 'application/vnd.elasticsearch+json;compatible-with=8';

let server: http.Server;
let url: string;
let next: (req: http.IncomingMessage) => GuardError | null;
beforeAll(async () => {
  server = http.createServer((req, res) => sendGuardError(req, res, next(req)!));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

it('an unserved compatible-with version on Accept is answered application/json', async () => {
  next = (req) => compatibleVersionRejection(req.headers.accept, req.headers['content-type'], false, 8);
  const answer = await raw(url, 'PUT', '/_ml/trained_models/m/model_aliases/a', { headers: { accept: V6 } });
  expect(answer.status).toBe(400);
  expect(answer.json.error.type).toBe('media_type_header_exception');
  expect(answer.headers['content-type']).toBe('application/json');
});

it('mismatched versions on Accept and Content-Type: both fail, so application/json too', async () => {
  next = (req) => compatibleVersionRejection(req.headers.accept, req.headers['content-type'], true, 8);
  const answer = await raw(url, 'PUT', '/_ml/trained_models/m/model_aliases/a', {
    headers: { accept: V8, 'content-type': 'application/vnd.elasticsearch+json;compatible-with=7' },
    body: '{}',
  });
  expect(answer.json.error.caused_by.reason).toMatch(/the compatible versions must match/);
  expect(answer.headers['content-type']).toBe('application/json');
});

it('an unparsable Accept alone: labelled after the Content-Type that survives', async () => {
  next = (req) => acceptHeaderRejection(req.headers.accept, req.headers['content-type']);
  const labelled = await raw(url, 'PUT', '/x', { headers: { accept: 'not a media type', 'content-type': V8 } });
  expect(labelled.json.error.reason).toBe('Invalid media-type value on headers [Accept]');
  expect(labelled.headers['content-type']).toBe(V8);
  const plain = await raw(url, 'PUT', '/x', { headers: { accept: `${V8}; garbage` } });
  expect(plain.status).toBe(400);
  expect(plain.headers['content-type']).toBe('application/json');
});
