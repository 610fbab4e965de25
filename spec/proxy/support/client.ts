// shim: removed when every importer has moved
export { send, open, sendRaw, pairs, type HttpAnswer as ClientAnswer, type HttpRequest as ClientRequestSpec } from '../../support/http-client';
