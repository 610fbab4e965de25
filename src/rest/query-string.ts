/**
 * `RestUtils.decodeQueryString` as `RestRequest.params(uri)` calls it
 * (docs §5.2; `RestUtils.java` @02a21df0, `RestRequest.java` @01195333).
 *
 * - The query starts after the FIRST `?` of the request target and ends at the
 *   first `#` of the WHOLE target (a `#` before the `?` leaves it empty).
 * - Pairs are separated by `&` or `;`; the first `=` splits name and value;
 *   a name without `=` gets `""`; names and values are decoded with `+` as a
 *   space. Java's loop has quirks kept here: `?=x` yields `x` = `""` (an `=`
 *   with nothing before it is skipped), `?a=b=c` yields `a` = `b=c`.
 * - `RestRequest` stores pairs in a `Map<String,String>`: the LAST value of a
 *   repeated name wins.
 * - The internal marker parameters `serverlessRequest` and `operatorRequest`
 *   (any case) are refused: "parameter [x] is reserved and may not be set"
 *   (`RestUtils.addParam`; 8.x versions that have `INTERNAL_MARKER_REQUEST_PARAMETERS`;
 *   older clusters report them as unrecognized instead, still a 400).
 *
 * Any failure is answered by Elasticsearch before routing with 400
 * `bad_parameter_exception` (see `badParameter`), returned here as a value.
 */
import { decodeQueryComponent, MalformedEscapeError } from './decode-component';
import { badParameter, EsRejectionWithCause } from './rejections';

const RESERVED_PARAMETERS = ['serverlessrequest', 'operatorrequest'];

export type QueryParams = Map<string, string>;

export function decodeQueryString(rawUrl: string): QueryParams | EsRejectionWithCause {
  const questionMark = rawUrl.indexOf('?');
  if (questionMark < 0) return new Map();
  try {
    return decodeFrom(rawUrl, questionMark + 1);
  } catch (error) {
    if (error instanceof MalformedEscapeError || error instanceof ReservedParameterError) {
      return badParameter(error.message);
    }
    throw error;
  }
}

class ReservedParameterError extends Error {}

function addParam(params: QueryParams, name: string, value: string): void {
  if (RESERVED_PARAMETERS.includes(name.toLowerCase())) {
    throw new ReservedParameterError(`parameter [${name}] is reserved and may not be set`);
  }
  params.set(name, value);
}

/** Line-for-line the Java loop, so that its corner cases (`&&`, `a=b=c`, `=x`) come out the same. */
function decodeFrom(s: string, fromIndex: number): QueryParams {
  const params: QueryParams = new Map();
  if (fromIndex >= s.length) return params;
  const hash = s.indexOf('#');
  const queryEnd = hash >= 0 ? hash : s.length;

  let name: string | null = null;
  let pos = fromIndex;
  let i: number;
  for (i = fromIndex; i < queryEnd; i++) {
    const c = s[i];
    if (c === '=' && name === null) {
      if (pos !== i) name = decodeQueryComponent(s.substring(pos, i));
      pos = i + 1;
    } else if (c === '&' || c === ';') {
      if (name === null && pos !== i) {
        addParam(params, decodeQueryComponent(s.substring(pos, i)), '');
      } else if (name !== null) {
        addParam(params, name, decodeQueryComponent(s.substring(pos, i)));
        name = null;
      }
      pos = i + 1;
    }
  }
  // When the '#' comes before fromIndex the loop never runs: i stays at fromIndex.
  if (pos !== i) {
    if (name === null) {
      addParam(params, decodeQueryComponent(s.substring(pos, i)), '');
    } else {
      addParam(params, name, decodeQueryComponent(s.substring(pos, i)));
    }
  } else if (name !== null) {
    addParam(params, name, '');
  }
  return params;
}
