/**
 * Every spelling of the alias route that Elasticsearch routes to the alias handler (spec/e2e/bypass-
 * forms.spec.ts, unchanged) is guarded through nginx too: encoded ids, trailing slashes, fragments,
 * parameter tricks; the spellings Elasticsearch does not route there reach the cluster, which refuses
 * them itself.
 */
jest.mock('../support/use-stack', () => jest.requireActual('./support/use-edge-stack'));
import './support/nginx-refuses-itself';
import '../e2e/bypass-forms.spec';
