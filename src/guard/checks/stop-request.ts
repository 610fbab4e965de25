/**
 * Reads `force`, `allow_no_match` and `finish_pending_work` of
 * `POST _ml/trained_models/{model_id}/deployment/_stop` exactly as
 * Elasticsearch's REST handler does, so the guard decides on the same values
 * the cluster would act on.
 *
 * Source: `RestStopTrainedModelDeploymentAction.java` (newest read, @1dc80d4a)
 * and `StopTrainedModelDeploymentAction.Request` (@08b91421):
 *
 *   if (restRequest.hasContentOrSourceParam())      // body length > 0, or ?source
 *       request = Request.parseRequest(id, contentOrSourceParamParser());
 *   else
 *       allow_no_match, force, finish_pending_work = paramAsBoolean(name, default)
 *
 * Consequences the proxy reproduces:
 *   - Body XOR query, no precedence and no merge. With a body, the three query
 *     parameters are never read (never "consumed"), so BaseRestHandler answers
 *     400 `request [..] contains unrecognized parameter: [force]` (docs §5.3). They
 *     are returned in `unconsumedParams` for `checkStopRequest` to format; a parse error
 *     of the body wins, because `prepareRequest` runs first (docs §5.3 step 1).
 *   - `?source=<json>&source_content_type=application/json` counts as a body.
 *   - Query order of evaluation (first error wins): allow_no_match, force,
 *     finish_pending_work. Defaults: allow_no_match=true, others false.
 *   - `timeout` is NOT read by this handler (the task request has a timeout,
 *     the REST layer never sets it), so `?timeout=` is an unrecognized
 *     parameter, 400 like any other (returned in `unconsumedParams`).
 *   - Body: `ObjectParser` named `cluster:admin/xpack/ml/trained_models/deployment/stop`
 *     with fields model_id (string), allow_no_match, force, finish_pending_work
 *     (boolean: JSON true/false, or the strings "true"/"false"; an empty or
 *     whitespace-only string is false). Unknown field →
 *     400 x_content_parse_exception `[L:C] [<name>] unknown field [x]` plus
 *     ` did you mean [..]?` (SuggestingErrorOnUnknown). A body `model_id` that
 *     differs from a non-empty path id → 400 illegal_argument_exception
 *     `Inconsistent model_id; 'B' specified in the body differs from 'P' specified as a URL argument`;
 *     with an empty path id the body's id is used (returned as `bodyModelId`).
 *   - JSON as ES's Jackson factory reads it: comments allowed, duplicate keys
 *     rejected, anything after the top-level object ignored.
 *
 * Exactness: the ObjectParser messages and locations are ES's. Jackson's own
 * syntax-error texts are approximated (`[L:C] <short description>` with a
 * `json_parse_exception` cause); status and type are ES's. Columns count bytes
 * as Jackson's UTF-8 parser does.
 *
 * Content-Type: the REST layer's 406 gate (`src/rest/request-prelude.ts`) runs
 * before this, so a body here has an x-content type. YAML, CBOR and Smile
 * bodies pass ES's gate but the proxy cannot read them: refused with a
 * proxy-authored 415 (fail closed: an unread `force` must not let a
 * referenced deployment stop).
 */
import { EsRejection } from '../../errors';
import { xContentFormat } from '../../rest/content-type';
import { paramAsBoolean, parseParamBoolean } from '../../rest/param-boolean';
import { FRAMEWORK_PARAMETERS } from '../../rest/pre-dispatch';
import { EsRejectionWithCause, illegalArgument, type EsGuardRejection } from '../../rest/rejections';
import { restPreludeRejection, type RequestPreludeFacts } from '../../rest/request-prelude';
import { requestParams, type GuardedRoute } from '../../rest/route-matcher';
import { suggestionsFor, unrecognizedParametersRejection } from '../../rest/unrecognized-params';
import { JsonReader, jsonSyntaxError, parseException, SyntaxFailure, type ValueToken } from '../../rest/x-content-reader';

export interface StopRequestParameters {
  force: boolean;
  allowNoMatch: boolean;
  finishPendingWork: boolean;
  /** `model_id` given in the body, when any. ES uses it as the deployment id when the path id is empty. */
  bodyModelId?: string;
  /** Parameters the handler read (for "did you mean" candidates, docs §5.3), sorted. */
  consumedParams: string[];
  /** Query parameters the handler did not read, minus the framework's (docs §5.2), sorted: non-empty means 400 (docs §5.3). */
  unconsumedParams: string[];
}

export const STOP_PARSER_NAME = 'cluster:admin/xpack/ml/trained_models/deployment/stop';
const BOOLEAN_FIELDS = ['allow_no_match', 'force', 'finish_pending_work'] as const;
const BODY_FIELDS = ['model_id', ...BOOLEAN_FIELDS];
/** Always consumed by RestController / AbstractRestChannel (docs §5.2). */
const FRAMEWORK_PARAMS = new Set(FRAMEWORK_PARAMETERS);

// ---------------------------------------------------------------------------
// ObjectParser for StopTrainedModelDeploymentAction.Request
// ---------------------------------------------------------------------------

/** `SuggestingErrorOnUnknown.suggest`: the same candidates, in the same order, as for unknown parameters (docs §5.3). */
export function suggestFields(unknown: string, candidates: readonly string[]): string {
  const suggestions = suggestionsFor(unknown, candidates);
  if (suggestions.length === 0) return '';
  if (suggestions.length === 1) return ` did you mean [${suggestions[0]}]?`;
  return ` did you mean any of [${suggestions.join(', ')}]?`;
}

interface BodyFields {
  model_id?: string;
  allow_no_match?: boolean;
  force?: boolean;
  finish_pending_work?: boolean;
}

function parseBody(bytes: Uint8Array): BodyFields | EsRejection {
  const reader = new JsonReader(bytes);
  const fields: BodyFields = {};
  try {
    const first = reader.skipBlank();
    if (first === -1) {
      return parseException(reader.location(), `[${STOP_PARSER_NAME}] Expected START_OBJECT but was: null`);
    }
    const start = reader.readValueToken();
    if (start.kind !== 'START_OBJECT') {
      return parseException(start.at, `[${STOP_PARSER_NAME}] Expected START_OBJECT but was: ${start.kind}`);
    }
    reader.consume();
    const seen = new Set<string>();
    let c = reader.skipBlank();
    if (c === 0x7d) return fields;
    for (;;) {
      if (c !== 0x22) reader.unexpected(c, 'double-quote to start field name');
      const nameAt = reader.location();
      const name = reader.readString();
      if (seen.has(name)) {
        return jsonSyntaxError(nameAt, `Duplicate field '${name}'`);
      }
      seen.add(name);
      reader.expect(0x3a, 'a colon to separate field name and value');
      const value = reader.readValueToken();
      if (value.kind === 'END_OBJECT' || value.kind === 'END_ARRAY') {
        reader.unexpected(value.kind === 'END_OBJECT' ? 0x7d : 0x5d, 'a value');
      }
      if (!BODY_FIELDS.includes(name)) {
        return parseException(nameAt, `[${STOP_PARSER_NAME}] unknown field [${name}]${suggestFields(name, BODY_FIELDS)}`);
      }
      const supported = name === 'model_id' ? ['VALUE_STRING'] : ['VALUE_BOOLEAN', 'VALUE_STRING'];
      if (!supported.includes(value.kind)) {
        return parseException(value.at, `[${STOP_PARSER_NAME}] ${name} doesn't support values of type: ${value.kind}`);
      }
      if (name === 'model_id') {
        fields.model_id = (value as { text: string }).text;
      } else {
        const parsed = parseBodyBoolean(value);
        if (parsed instanceof EsRejection) {
          return new EsRejectionWithCause(
            400,
            'x_content_parse_exception',
            `[${value.at.line}:${value.at.column}] [${STOP_PARSER_NAME}] failed to parse field [${name}]`,
            { type: parsed.type, reason: parsed.reason },
          );
        }
        fields[name as (typeof BOOLEAN_FIELDS)[number]] = parsed;
      }
      c = reader.skipBlank();
      if (c === 0x7d) return fields; // anything after the object is never read by ES
      if (c !== 0x2c) reader.unexpected(c, "comma to separate Object entries");
      reader.consume();
      c = reader.skipBlank();
    }
  } catch (error) {
    if (error instanceof SyntaxFailure) return error.rejection;
    throw error;
  }
}

/** `AbstractXContentParser.booleanValue`: strings go through `Booleans.parseBoolean(chars, .., false)`. */
function parseBodyBoolean(token: ValueToken): boolean | EsRejection {
  if (token.kind === 'VALUE_BOOLEAN') return token.value;
  const text = (token as { text: string }).text;
  // Unlike a query value, a body string without text (even "") reads as the default, false.
  if (text === '') return false;
  const parsed = parseParamBoolean(text, false);
  return 'failure' in parsed ? illegalArgument(parsed.failure) : parsed.value;
}

// ---------------------------------------------------------------------------
// Content types
// ---------------------------------------------------------------------------

function unreadableBody(mediaType: string): EsRejection {
  return new EsRejection(
    415,
    'model_alias_guard_unsupported_body_exception',
    `model-alias-guard reads stop-deployment parameters from JSON only, not [${mediaType}]; send JSON or use query parameters`,
  );
}

// ---------------------------------------------------------------------------
// The request
// ---------------------------------------------------------------------------

export function parseStopRequest(
  query: Map<string, string>,
  body: Buffer | null,
  contentType?: string,
  /** The percent-decoded path `{model_id}`; enables ES's inconsistent-id check. */
  pathModelId?: string,
): StopRequestParameters | EsRejection {
  // Path parameters share the map and are written after the query (docs §5.1): `model_id` is always consumed.
  const consumed = new Set<string>(['model_id']);
  const hasContent = body !== null && body.length > 0;

  let result: StopRequestParameters;
  if (hasContent || query.has('source')) {
    let bytes: Uint8Array;
    if (hasContent) {
      // The prelude's 406 gate let only x-content types through; of those the proxy reads JSON.
      if (xContentFormat(contentType) !== 'json') return unreadableBody(contentType ?? '');
      bytes = body!;
    } else {
      consumed.add('source');
      consumed.add('source_content_type');
      const source = query.get('source');
      const sourceType = query.get('source_content_type');
      if (source === undefined || sourceType === undefined) {
        return new EsRejection(400, 'validation_exception', 'Validation Failed: 1: source and source_content_type parameters are required;');
      }
      const format = xContentFormat(sourceType);
      if (format === undefined) {
        return new EsRejection(400, 'validation_exception', `Validation Failed: 1: Unknown value for source_content_type [${sourceType}];`);
      }
      if (format !== 'json') return unreadableBody(sourceType);
      bytes = Buffer.from(source, 'utf8');
    }
    const fields = parseBody(bytes);
    if (fields instanceof EsRejection) return fields;
    if (fields.model_id !== undefined && pathModelId !== undefined && pathModelId !== '' && fields.model_id !== pathModelId) {
      return new EsRejection(
        400,
        'illegal_argument_exception',
        `Inconsistent model_id; '${fields.model_id}' specified in the body differs from '${pathModelId}' specified as a URL argument`,
      );
    }
    result = {
      force: fields.force ?? false,
      allowNoMatch: fields.allow_no_match ?? true,
      finishPendingWork: fields.finish_pending_work ?? false,
      ...(fields.model_id !== undefined ? { bodyModelId: fields.model_id } : {}),
      consumedParams: [],
      unconsumedParams: [],
    };
  } else {
    const values: boolean[] = [];
    for (const [name, defaultValue] of [
      ['allow_no_match', true],
      ['force', false],
      ['finish_pending_work', false],
    ] as const) {
      consumed.add(name);
      const value = paramAsBoolean(query, name, defaultValue);
      if (value instanceof EsRejection) return value;
      values.push(value);
    }
    result = {
      allowNoMatch: values[0]!,
      force: values[1]!,
      finishPendingWork: values[2]!,
      consumedParams: [],
      unconsumedParams: [],
    };
  }
  result.consumedParams = [...consumed].sort();
  result.unconsumedParams = [...query.keys()].filter((name) => !consumed.has(name) && !FRAMEWORK_PARAMS.has(name)).sort();
  return result;
}

/** The stop request as the guard decides on it. */
export interface StopRequest {
  /** The deployment id: the path's, or the body's `model_id` when the path id is empty. */
  deploymentId: string;
  force: boolean;
  allowNoMatch: boolean;
}

/**
 * Every REST-layer check of a stop request, in Elasticsearch's order: the
 * prelude (docs §5.1, docs §5.2), the handler's parse, then the unconsumed
 * parameters (docs §5.3).
 */
export function checkStopRequest(route: GuardedRoute, request: RequestPreludeFacts, body: Buffer): StopRequest | EsGuardRejection {
  const prelude = restPreludeRejection(route, request);
  if (prelude) return prelude;
  const pathId = route.pathParams.model_id ?? '';
  const params = parseStopRequest(requestParams(route)!, body.length > 0 ? body : null, request.contentType, pathId);
  if (params instanceof EsRejection) return params;
  if (params.unconsumedParams.length > 0) {
    const candidates = [...params.consumedParams, ...FRAMEWORK_PARAMETERS];
    return unrecognizedParametersRejection(route.decodedPath, params.unconsumedParams, candidates);
  }
  // An empty path id takes the body's model_id (StopTrainedModelDeploymentAction.Request).
  const deploymentId = pathId === '' && params.bodyModelId !== undefined ? params.bodyModelId : pathId;
  return { deploymentId, force: params.force, allowNoMatch: params.allowNoMatch };
}
