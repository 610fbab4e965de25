import { adaptiveFromBody } from '../../../src/guard/checks/update-request';
import { scalesToZero } from '../../../src/guard/rules/deployment-update';

describe('the adaptive_allocations of an _update body (docs §10.3)', () => {
  it('reads enabled and the bounds, null as a reset and -1 as null', () => {
    expect(adaptiveFromBody({ adaptive_allocations: { enabled: true, min_number_of_allocations: 0, max_number_of_allocations: 4 } })).toEqual({
      enabled: true,
      minNumberOfAllocations: 0,
      maxNumberOfAllocations: 4,
    });
    expect(adaptiveFromBody({ adaptive_allocations: { min_number_of_allocations: null } })).toEqual({ minNumberOfAllocations: null });
    expect(adaptiveFromBody({ adaptive_allocations: { min_number_of_allocations: -1 } })).toEqual({ minNumberOfAllocations: null });
    expect(adaptiveFromBody({ adaptive_allocations: null })).toBeNull();
  });

  it('coerces strings as ObjectParser does, and reads odd values the way that allows zero', () => {
    expect(adaptiveFromBody({ adaptive_allocations: { enabled: 'true', min_number_of_allocations: '2' } })).toEqual({
      enabled: true,
      minNumberOfAllocations: 2,
    });
    expect(adaptiveFromBody({ adaptive_allocations: { enabled: 'yes', min_number_of_allocations: [1] } })).toEqual({
      enabled: true,
      minNumberOfAllocations: 0,
    });
  });

  it('says when the body names no adaptive allocations, and when it cannot be read', () => {
    expect(adaptiveFromBody({ number_of_allocations: 2 })).toBeUndefined();
    expect(adaptiveFromBody([1])).toBe('unreadable');
    expect(adaptiveFromBody({ adaptive_allocations: 'on' })).toBe('unreadable');
  });
});

describe('scalesToZero', () => {
  it('is true from 8.16 and for an unknown version, false before', () => {
    expect(scalesToZero('8.15.3')).toBe(false);
    expect(scalesToZero('8.16.0')).toBe(true);
    expect(scalesToZero('9.1.0')).toBe(true);
    expect(scalesToZero(undefined)).toBe(true);
    expect(scalesToZero('7.17.0')).toBe(false);
  });
});
