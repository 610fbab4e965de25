/** filter_path response filtering (framework parameter, docs §5.2). */
import { applyFilterPath } from '../../src/sandbox/rest/filter-path';

describe('filter_path', () => {
  const body = { took: 1, errors: false, items: [{ index: { _id: '1', status: 201 } }, { create: { _id: '2', status: 409 } }], nodes: { n1: { http: { publish_address: 'h:1' }, name: 'x' } } };

  it('keeps dot paths with * inside arrays', () => {
    expect(applyFilterPath(body, 'errors,items.*.status')).toEqual({ errors: false, items: [{ index: { status: 201 } }, { create: { status: 409 } }] });
  });

  it('supports ** and name globs', () => {
    expect(applyFilterPath(body, '**.publish_address')).toEqual({ nodes: { n1: { http: { publish_address: 'h:1' } } } });
    expect(applyFilterPath(body, 'nod*.*.name')).toEqual({ nodes: { n1: { name: 'x' } } });
  });

  it('supports exclusions', () => {
    expect(applyFilterPath(body, '-items,-nodes')).toEqual({ took: 1, errors: false });
    expect(applyFilterPath(body, 'nodes,-nodes.*.http')).toEqual({ nodes: { n1: { name: 'x' } } });
  });

  it('answers {} when nothing matches', () => {
    expect(applyFilterPath(body, 'nothing')).toEqual({});
  });
});
