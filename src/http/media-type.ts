/**
 * The media type of answers the proxy writes in Elasticsearch's name. A
 * client that asked for `application/vnd.elasticsearch+json;compatible-with=N`
 * gets that type back, as Elasticsearch answers it; others get JSON (docs §5.6).
 */
const COMPATIBLE_WITH = /application\/vnd\.elasticsearch\+json\s*;\s*compatible-with\s*=\s*(\d+)/i;

export function answerContentType(accept: string | undefined): string {
  const match = accept ? COMPATIBLE_WITH.exec(accept) : null;
  // 8.x and 9.x answer plain `application/json` (7.x added `; charset=UTF-8`, docs §5.6); clients accept both.
  return match ? `application/vnd.elasticsearch+json;compatible-with=${match[1]}` : 'application/json';
}
