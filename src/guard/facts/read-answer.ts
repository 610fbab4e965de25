/**
 * Turns one raw cluster answer into a trusted value, or into the error the
 * guard acts on: 401/403 relayed as they are (the caller's own credentials
 * were refused), anything else unexpected fails closed (503).
 */
import type { ValidateFunction } from 'ajv';
import { CallerNotAuthorizedError, MetadataReadError } from '../../errors';
import type { RawAnswer } from '../../es/metadata-client';
import { validateEsError } from './answer-schemas';

export interface ReadExpectation<T> {
  /** Names the read in errors and logs, e.g. `GET _ml/trained_models/<alias>`. */
  label: string;
  validate: ValidateFunction<T>;
  /** The Elasticsearch error type that means "no such thing" for this read (docs §1.3: resource_not_found_exception). */
  notFoundType?: string;
}

/** Returns the validated answer, or `null` for an Elasticsearch "not found" when the read allows it. */
export function interpretAnswer<T>(answer: RawAnswer, expectation: ReadExpectation<T>): T | null {
  const { statusCode } = answer;
  if (statusCode === 401 || statusCode === 403) {
    throw new CallerNotAuthorizedError(statusCode, answer.headers, answer.body);
  }
  if (statusCode === 404 && expectation.notFoundType !== undefined) {
    // Only a 404 that is provably Elasticsearch's own "not found" counts; a
    // 404 from something else in between (a load balancer, a wrong path
    // prefix) must not be read as "the model does not exist".
    const parsed = parseJson(answer.body);
    if (validateEsError(parsed) && parsed.error.type === expectation.notFoundType) return null;
    throw new MetadataReadError(expectation.label, 'status 404 that is not an Elasticsearch not-found answer');
  }
  if (statusCode < 200 || statusCode > 299) {
    throw new MetadataReadError(expectation.label, `status ${statusCode}`);
  }
  const parsed = parseJson(answer.body);
  if (parsed === undefined) {
    throw new MetadataReadError(expectation.label, 'unexpected answer shape: not JSON');
  }
  if (!expectation.validate(parsed)) {
    const first = expectation.validate.errors?.[0];
    const where = first ? `${first.instancePath || '/'} ${first.message ?? ''}`.trim() : 'invalid';
    throw new MetadataReadError(expectation.label, `unexpected answer shape: ${where}`);
  }
  return parsed;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
