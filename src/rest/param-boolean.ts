/**
 * `RestRequest.paramAsBoolean(key, defaultValue)` (docs §5.2;
 * `RestRequest.java` @01195333, `libs/core/.../core/Booleans.java`):
 *
 * - absent → the default;
 * - `""` (`?reassign` or `?reassign=`) → true ("presence means on");
 * - only Java whitespace (`?reassign=+`, `?reassign=%20`) → the default,
 *   because `Booleans.parseBoolean(value, default)` checks `hasText` first;
 * - exactly `true` / `false` → that value;
 * - anything else (`TRUE`, `1`, `yes`, ` true`) → IllegalArgumentException
 *   `Failed to parse value [X] as only [true] or [false] are allowed.`
 *
 * The same parse is used by the channel (`pretty`, `human`) and the dispatcher
 * (`error_trace`), which render the failure differently; so the parse result
 * carries the bare message and `paramAsBoolean` the handler's rendering (400
 * `illegal_argument_exception`).
 */
import { EsRejection } from '../errors';
import { illegalArgument } from './rejections';

export type BooleanParse = { value: boolean } | { failure: string };

export function booleanParseFailureMessage(value: string): string {
  return `Failed to parse value [${value}] as only [true] or [false] are allowed.`;
}

/** `Character.isWhitespace(char)`: Unicode space separators except no-break spaces, plus the ASCII controls Java lists. */
export function isJavaWhitespace(code: number): boolean {
  if (code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f)) return true;
  if (code < 0x1680) return false;
  return (
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x2006) ||
    (code >= 0x2008 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x205f ||
    code === 0x3000
  );
}

function hasText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (!isJavaWhitespace(value.charCodeAt(i))) return true;
  }
  return false;
}

/** The parse behind `paramAsBoolean`, for a raw parameter value (`undefined` = absent). */
export function parseParamBoolean(raw: string | undefined, defaultValue: boolean): BooleanParse {
  if (raw === undefined) return { value: defaultValue };
  if (raw.length === 0) return { value: true };
  if (!hasText(raw)) return { value: defaultValue };
  if (raw === 'true') return { value: true };
  if (raw === 'false') return { value: false };
  return { failure: booleanParseFailureMessage(raw) };
}

/** A handler's `paramAsBoolean`: the value, or the 400 `illegal_argument_exception` ES answers. */
export function paramAsBoolean(params: ReadonlyMap<string, string>, key: string, defaultValue: boolean): boolean | EsRejection {
  const parsed = parseParamBoolean(params.get(key), defaultValue);
  return 'failure' in parsed ? illegalArgument(parsed.failure) : parsed.value;
}
