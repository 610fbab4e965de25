/**
 * A seeded generator of raw request targets for the edge routing check
 * (docs §12): every byte percent-encoded, `%2F`, `%2E`, dot segments,
 * doubled slashes, `#`, `;`, case changes, near misses of the guarded and
 * node-info routes, absolute form, and random garbage. Targets never hold
 * bytes that end a request line (space, CR, LF) or control bytes.
 */

export type TargetCategory =
  | 'near-miss route'
  | 'encoded byte'
  | 'dot segments'
  | 'slashes'
  | 'fragment and semicolon'
  | 'case change'
  | 'absolute form'
  | 'passthrough-like'
  | 'random garbage';

export interface GeneratedTarget {
  category: TargetCategory;
  method: string;
  target: string;
}

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Route shapes Elasticsearch has (guarded, node-info, and their neighbours), `{}` for a value. */
const ROUTE_SHAPES = [
  '/_ml/trained_models/{}/model_aliases/{}',
  '/_ml/trained_models/{}/deployment/_stop',
  '/_ml/trained_models/{}/deployment/_start',
  '/_ml/trained_models/{}/deployment/_update',
  '/_ml/trained_models/{}/deployment/_infer',
  '/_ml/trained_models/{}',
  '/_ml/trained_models/_stats',
  '/_ml/trained_models/{}/_stats',
  '/_ml/inference/{}',
  '/_ml/inference/_stats',
  '/_inference/{}',
  '/_inference/{}/{}',
  '/_nodes',
  '/_nodes/{}',
  '/_nodes/{}/{}',
  '/_nodes/{}/info/{}',
  '/_nodes/http',
  '/_nodes/_all/http',
  '/_nodes/stats/{}',
  '/{}/_search',
  '/{}/_doc/{}',
  '/_bulk',
  '/_cat/indices',
  '/',
];
const VALUES = ['m', 'my-model', 'alias-a', 'http', '_all', 'settings,http', 'jvm', '_local', 'lang_ident_model_1', '_stats', 'x.y', ''];
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'];
/** Printable ASCII without space: what a request line can carry as is. */
const PRINTABLE = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i));

const hex = (byte: number) => `%${byte.toString(16).padStart(2, '0')}`;

export class TargetGenerator {
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  private route(): string {
    return this.pick(ROUTE_SHAPES).replace(/\{\}/g, () => this.pick(VALUES));
  }

  private query(): string {
    const choices = ['', '', '?reassign=true', '?force=true', '?pretty', '?metrics=http', '?a=%2F', '?x=1;y=2', '?#', '?q=_ml', '?filter_path=nodes.*.http'];
    return this.pick(choices);
  }

  /** Replaces one character of `s` at a random position with `replacement(c)`. */
  private mutateAt(s: string, replacement: (c: string) => string): string {
    if (s.length === 0) return s;
    const at = this.int(s.length);
    return s.slice(0, at) + replacement(s[at]!) + s.slice(at + 1);
  }

  private encoded(c: string): string {
    const code = c.charCodeAt(0);
    const escape = hex(code);
    return this.random() < 0.5 ? escape : escape.toUpperCase();
  }

  next(): GeneratedTarget {
    const method = this.pick(METHODS);
    const category = this.pick<TargetCategory>([
      'near-miss route', 'near-miss route', 'encoded byte', 'dot segments', 'slashes', 'fragment and semicolon',
      'case change', 'absolute form', 'passthrough-like', 'random garbage',
    ]);
    return { category, method, target: this.targetOf(category) };
  }

  private targetOf(category: TargetCategory): string {
    const route = this.route();
    switch (category) {
      case 'near-miss route': {
        const mutations = [
          (s: string) => s,
          (s: string) => this.mutateAt(s, (c) => this.encoded(c)),
          (s: string) => this.mutateAt(s, () => this.pick(PRINTABLE)),
          (s: string) => this.mutateAt(s, () => ''),
          (s: string) => `${s}${'/'.repeat(1 + this.int(3))}`,
          (s: string) => s.replace('_', this.pick(['%5F', '%5f', '-', '__', ''])),
        ];
        return this.pick(mutations)(route) + this.query();
      }
      case 'encoded byte': {
        // Every byte value, at a random place: inside a literal, a value, or as a separator.
        const byte = this.int(256);
        return this.mutateAt(route, (c) => (this.random() < 0.5 ? hex(byte) : c + hex(byte))) + this.query();
      }
      case 'dot segments': {
        const dots = ['/.', '/..', '/%2e', '/%2E%2E', '/.%2e', '/./', '/../', '/%2e%2e/'];
        const segments = route.split('/');
        const at = 1 + this.int(Math.max(1, segments.length - 1));
        segments.splice(at, 0, this.pick(dots).slice(1), this.pick(['x', '..', '_ml', '_nodes']));
        return segments.join('/') + this.query();
      }
      case 'slashes':
        return route.replace(/\//g, () => this.pick(['/', '/', '//', '%2F', '%2f', '/%2F', '///'])) + this.query();
      case 'fragment and semicolon': {
        const marks = ['#', ';', '#/', ';/', '%23', '%3B', '?#', '#?'];
        return this.mutateAt(route, (c) => c + this.pick(marks)) + this.query();
      }
      case 'case change':
        return this.mutateAt(route, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())) + this.query();
      case 'absolute form':
        return `${this.pick(['http://', 'https://', 'HTTP://'])}${this.pick(['h', '127.0.0.1', 'h:9200', 'h_ml'])}${this.pick([route, ''])}${this.query()}`;
      case 'passthrough-like':
        return `/${this.pick(['logs', 'my-index', 'a_b', 'mlindex', 'x'])}/${this.pick(['_search', '_doc/1', '_bulk', '_count'])}${this.pick(['', '?q=a%20b', '?size=10&from=0', '?routing=_ml'])}`;
      case 'random garbage': {
        const length = 1 + this.int(40);
        let target = this.random() < 0.8 ? '/' : '';
        for (let i = 0; i < length; i++) {
          const roll = this.random();
          target += roll < 0.1 ? hex(this.int(256)) : roll < 0.12 ? String.fromCharCode(0x80 + this.int(0x80)) : this.pick(PRINTABLE);
        }
        return target;
      }
    }
  }
}
