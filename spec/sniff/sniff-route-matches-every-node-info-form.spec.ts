/**
 * matchSniffRoute: every request Elasticsearch routes to its node-info
 * handler with the http metric in the answer is matched; the other `_nodes`
 * APIs, other methods and every other path are not.
 */
import { matchSniffRoute } from '../../src/sniff/sniff-route';

const matched = (url: string, method = 'GET') => matchSniffRoute(method, url) !== null;

describe('matchSniffRoute: forms the clients use', () => {
  it.each([
    ['/_nodes/_all/http', 'JS 8.x sniffEndpoint default (with a slash added by the transport), Python 7.x'],
    ['/_nodes/_all/http?filter_path=nodes.*.http', 'JS with filter_path'],
    ['/_nodes/http', 'Java sniffer, Go, Ruby'],
    ['/_nodes/http?timeout=1s', 'Java sniffer with its timeout'],
    ['/_nodes/http,settings?flat_settings&timeout=2s', '.NET'],
    ['/_nodes/http,transport', 'several metrics, http among them'],
    ['/_nodes', 'no filter: every metric'],
    ['/_nodes/', 'trailing slash'],
    ['/_nodes/_all', 'all nodes, every metric (`_all` is no metric name)'],
    ['/_nodes/_all/_all', 'metrics _all'],
    ['/_nodes/_local', 'a selector: every metric'],
    ['/_nodes/node-1,node-2', 'node ids: every metric'],
    ['/_nodes/master:true,data:false/http', 'selectors and a metric'],
    ['/_nodes/_all/info/http', 'the info form'],
    ['/_nodes/_all/info/_all', 'the info form, every metric'],
    ['/_nodes/_all/http/', 'trailing slash'],
    ['/_nodes/_all/http//', 'trailing slashes'],
    ['/_nodes//http', 'empty node id (all nodes)'],
    ['/_nodes/_all/ht%74p', 'escaped metric'],
    ['/_nodes/%5Fall/http', 'escaped node selector'],
    ['/_nodes/jvm,http', 'metrics only, http among them'],
    ['/_nodes/%20http', 'a padded token is a node id where tokens are not trimmed: every metric'],
    ['/_nodes/_all/%20http%20', 'padded metric, trimmed'],
    ['/_nodes?metrics=http', 'metrics from the query'],
    ['/_nodes/jvm?metrics=http', 'metrics from the query: the path segment becomes node ids'],
    ['/_nodes/aggregations', 'a metric name older versions read as a node id'],
    ['/_nodes/hot_threads/http', 'hot_threads has no children: falls back to {nodeId}/{metrics}'],
    ['/_nodes/shutdown/http', 'same for shutdown'],
    ['/_nodes/stats/info/http', '{nodeId}/info/{metrics} is tried before stats/{metric}/{index_metric}'],
    ['/_nodes/reload_secure_settings', 'POST-only literal: GET falls back to node info'],
    ['/_nodes/_all/%zz', 'malformed escape: Elasticsearch refuses it, matching is harmless'],
    ['/_nodes/jvm?metrics=%zz', 'malformed query: Elasticsearch refuses it, matching is harmless'],
    ['/_nodes#frag', 'fragment'],
  ])('%s (%s)', (url) => {
    expect(matched(url)).toBe(true);
  });
});

describe('matchSniffRoute: not node info with http', () => {
  it.each([
    ['/_nodes/stats', 'node stats'],
    ['/_nodes/stats/http', 'node stats with a metric'],
    ['/_nodes/_all/stats', 'node stats for nodes'],
    ['/_nodes/_all/stats/http/x', 'node stats, index metric'],
    ['/_nodes/hot_threads', 'hot threads'],
    ['/_nodes/_all/hot_threads', 'hot threads for nodes'],
    ['/_nodes/usage', 'usage'],
    ['/_nodes/usage/http', 'usage with a metric'],
    ['/_nodes/_all/usage', 'usage for nodes'],
    ['/_nodes/shutdown', 'node shutdown'],
    ['/_nodes/n1/_repositories_metering', 'repositories metering'],
    ['/_nodes/jvm', 'metrics only, no http'],
    ['/_nodes/jvm,os,plugins', 'metrics only, no http'],
    ['/_nodes/_all/jvm', 'explicit metrics without http'],
    ['/_nodes/_all/info/jvm', 'info form without http'],
    ['/_nodes/_all/info', 'the literal info as metric (refused by Elasticsearch)'],
    ['/_nodes?metrics=jvm', 'query metrics without http'],
    ['/_nodes/a/b/c/d', 'too long'],
    ['/_nodesx/http', 'another first segment'],
    ['/_nodes_/http', 'another first segment'],
    ['//_nodes/http', 'a second leading slash: `_nodes` is not the first segment'],
    ['/_Nodes/http', 'literals are case-sensitive'],
    ['/%5Fnodes/http', 'literals compare raw'],
    ['/_cat/nodes', 'cat nodes'],
    ['/', 'root'],
  ])('%s (%s)', (url) => {
    expect(matched(url)).toBe(false);
  });

  it.each(['HEAD', 'POST', 'PUT', 'DELETE', 'get'])('%s is not matched (GET-only handler; HEAD has no body)', (method) => {
    expect(matched('/_nodes/_all/http', method)).toBe(false);
  });
});
