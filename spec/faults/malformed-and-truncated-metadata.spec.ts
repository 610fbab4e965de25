/**
 * A guard read answered 200 with something the guard cannot trust: not JSON,
 * JSON of the wrong shape, JSON cut short (sound framing, broken document).
 * Each fails closed: 503, the change not forwarded; the proxy keeps serving.
 */
import { raw } from '../support/http-client';
import { answer, truncatedJson, type FaultAction } from './support/fault-relay';
import { aliasChangesSeen, allowedAliasPut, expectStillServing, GUARD_READ, useFaultStack } from './support/fault-stack';

const { relay, proxy } = useFaultStack();

const cases: Array<[string, FaultAction]> = [
  ['not json', answer(200, '<html>gateway</html>', 'text/html')],
  ['wrong shape', answer(200, '{"count":"many","trained_model_configs":{}}')],
  ['truncated', truncatedJson('{"count":1,"trained_model_configs":[{"model_id":"demo-flight-delay-classifier"}]}', 30)],
];

it.each(cases)('%s: 503 fail closed, the change not forwarded', async (name, action) => {
  relay().inject({ ...GUARD_READ, action });
  const alias = `malformed-${name.replace(' ', '-')}-alias`;
  const refused = await raw(proxy().url, 'PUT', allowedAliasPut(alias));
  expect(refused.status).toBe(503);
  expect(refused.json.error.type).toBe('model_alias_guard_metadata_unavailable_exception');
  expect(aliasChangesSeen(relay(), alias)).toBe(0);
  await expectStillServing(proxy().url, `${alias}-after`);
  await relay().settled();
});
