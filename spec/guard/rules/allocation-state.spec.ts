import { allocationFromAssignment, allocationStateFor, isNotYetAllocated, isServing } from '../../../src/guard/rules/allocation';
import { DeploymentFacts } from '../../../src/guard/facts/facts';

function deployment(allocation: DeploymentFacts['allocation']): DeploymentFacts {
  return { deploymentId: 'd', modelId: 'm', state: allocation ? 'started' : 'stopping', ...(allocation ? { allocation } : {}) };
}

describe('allocation state as AllocationStatus.calculateState computes it', () => {
  it('is starting with no allocation, started below target, fully_allocated at or above target', () => {
    expect(allocationStateFor(0, 2)).toBe('starting');
    expect(allocationStateFor(0, 0)).toBe('starting');
    expect(allocationStateFor(1, 2)).toBe('started');
    expect(allocationStateFor(2, 2)).toBe('fully_allocated');
    expect(allocationStateFor(3, 2)).toBe('fully_allocated');
  });

  it('sums current allocations of started routes only', () => {
    expect(
      allocationFromAssignment({
        assignmentState: 'started',
        numberOfAllocations: 4,
        routes: [
          { routingState: 'started', currentAllocations: 2 },
          { routingState: 'starting', currentAllocations: 1 },
          { routingState: 'started', currentAllocations: 0 },
          { routingState: 'failed', currentAllocations: 5 },
        ],
      }),
    ).toEqual({ allocationCount: 2, targetAllocationCount: 4, state: 'started' });
  });

  it('reads routes without current_allocations (before 8.4) as 0', () => {
    expect(
      allocationFromAssignment({ assignmentState: 'started', numberOfAllocations: 1, routes: [{ routingState: 'started' }] })?.state,
    ).toBe('starting');
  });

  it('has no status for a stopping assignment', () => {
    expect(
      allocationFromAssignment({
        assignmentState: 'stopping',
        numberOfAllocations: 1,
        routes: [{ routingState: 'started', currentAllocations: 1 }],
      }),
    ).toBeUndefined();
  });

  it('classifies deployments for the alias rule', () => {
    const stopping = deployment(undefined);
    const starting = deployment({ allocationCount: 0, targetAllocationCount: 1, state: 'starting' });
    const started = deployment({ allocationCount: 1, targetAllocationCount: 2, state: 'started' });
    const full = deployment({ allocationCount: 2, targetAllocationCount: 2, state: 'fully_allocated' });
    expect([stopping, starting, started, full].map(isServing)).toEqual([false, false, true, true]);
    expect([stopping, starting, started, full].map(isNotYetAllocated)).toEqual([true, true, false, false]);
  });
});
