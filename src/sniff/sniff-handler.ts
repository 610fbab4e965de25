/**
 * What the proxy does with a node-info request that would hand out the
 * nodes' HTTP addresses (`sniff-route.ts`), by `SNIFF_POLICY`:
 *
 * - `rewrite` (default): forwarded as any request; the answer's
 *   `nodes.*.http.publish_address` values become the proxy's public address
 *   (`sniff-answer.ts`), every other byte and header as the cluster sent it.
 *   Sniffing clients then keep connecting to the proxy. With several nodes,
 *   every node id points to the proxy (a JS client then holds one
 *   connection entry per node id, all to the proxy).
 * - `block`: answered by the proxy with 403 and a body naming the policy;
 *   the cluster is not asked. Clients treat a failed sniff as non-fatal and
 *   keep the node they were given (JS: a `sniff` diagnostic event with the
 *   error; Java sniffer: logged, retried on schedule). Python 7.x raises it
 *   from `sniff_on_start` (sniffing must be off there). An answer with an
 *   empty `nodes` map, the alternative, would make the JS client empty its
 *   pool (`update([])`) and fail every later request; a made-up node would
 *   lie to the tools that read versions or roles from `_nodes`.
 * - `pass`: not routed here at all (the front door forwards untouched).
 */
import type * as http from 'node:http';
import { GuardError } from '../errors';
import { structuredErrorBody, type EsErrorBody } from '../es/error-body';
import { sendGuardError } from '../http/send-guard-error';
import type { Forwarder } from '../proxy/forwarder';
import type { PublicAddress } from './publish-address-rewrite';
import { sniffAnswerRewriter, type UntouchedReason } from './sniff-answer';

export type SniffPolicy = 'rewrite' | 'block' | 'pass';

/** `SNIFF_POLICY=block`: the node-info request is refused by the proxy itself. */
export class SniffBlockedError extends GuardError {
  override readonly name = 'SniffBlockedError';
  readonly code = 'SNIFF_BLOCKED';
  readonly statusCode = 403;
  constructor() {
    super(
      "model-alias-guard does not hand out the cluster's node addresses (SNIFF_POLICY=block): " +
        'connect through the proxy with sniffing turned off',
    );
  }
  body(): EsErrorBody {
    return structuredErrorBody(403, 'model_alias_guard_sniff_blocked_exception', this.message);
  }
}

export interface SniffHandlerOptions {
  policy: Exclude<SniffPolicy, 'pass'>;
  forwarder: Forwarder;
  publicAddress: () => PublicAddress;
  maxBufferedBytes?: number;
  onRewritten?: (rewritten: number, req: http.IncomingMessage) => void;
  onUntouched?: (reason: UntouchedReason, detail: string, req: http.IncomingMessage) => void;
  onBlocked?: (req: http.IncomingMessage) => void;
}

export function createSniffHandler(options: SniffHandlerOptions): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  if (options.policy === 'block') {
    const blocked = new SniffBlockedError();
    return (req, res) => {
      options.onBlocked?.(req);
      req.resume(); // a GET body, if any, is not needed
      sendGuardError(req, res, blocked);
    };
  }
  return (req, res) => {
    const replaceResponseBody = sniffAnswerRewriter({
      publicAddress: options.publicAddress,
      maxBufferedBytes: options.maxBufferedBytes,
      onRewritten: (rewritten) => options.onRewritten?.(rewritten, req),
      onUntouched: (reason, detail) => options.onUntouched?.(reason, detail, req),
    });
    void options.forwarder.forward(req, res, { replaceResponseBody });
  };
}
