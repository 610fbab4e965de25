import {
  decideInferenceEndpointDelete,
  InferenceDeleteFacts,
  InferenceDeleteRequest,
} from '../../../src/guard/rules/inference-endpoint-delete';

const refs = (...ids: string[]): Map<string, string[]> => new Map(ids.map((id) => [id, ['p']]));
const request = (over: Partial<InferenceDeleteRequest> = {}): InferenceDeleteRequest => ({
  inferenceId: 'ep',
  force: false,
  dryRun: false,
  ...over,
});
const facts = (over: Partial<InferenceDeleteFacts> = {}): InferenceDeleteFacts => ({
  endpoint: { inferenceId: 'ep', taskType: 'text_embedding', service: 'elasticsearch' },
  deployment: { deploymentId: 'ep', modelId: 'e5' },
  modelAliases: ['embedder', 'other'],
  otherDeployments: [],
  references: new Map(),
  ...over,
});

function refusal(verdict: ReturnType<typeof decideInferenceEndpointDelete>): { rule: string; status: number; type: string; reason: string } {
  if (verdict.allowed) throw new Error(`expected a refusal, got ${verdict.rule}`);
  return { rule: verdict.rule, status: verdict.rejection.statusCode, type: verdict.rejection.type, reason: verdict.rejection.reason };
}

describe('DELETE inference endpoint (docs §13.2)', () => {
  it('refuses with 409 when an alias of the deployment model is referenced and nothing else serves it', () => {
    const r = refusal(decideInferenceEndpointDelete(request(), facts({ references: refs('other') })));
    expect(r).toMatchObject({ rule: 'inference_delete.model_alias_referenced', status: 409, type: 'status_exception' });
    expect(r.reason).toContain('model [e5] through model_alias [other]');
    expect(r.reason).toContain('use `force`');
  });

  it('refuses with 409 when the model id is referenced', () => {
    expect(refusal(decideInferenceEndpointDelete(request(), facts({ references: refs('e5', 'embedder') }))).rule).toBe(
      'inference_delete.model_id_referenced',
    );
  });

  it('refuses a referenced endpoint id with the message Elasticsearch 8.15+ gives', () => {
    const r = refusal(decideInferenceEndpointDelete(request(), facts({ references: refs('ep') })));
    expect(r.reason).toBe(
      'Inference endpoint ep is referenced by pipelines and cannot be deleted. ' +
        'Use `force` to delete it anyway, or use `dry_run` to list the pipelines that reference it.',
    );
  });

  it('allows it when another deployment of the model holds an allocation', () => {
    const verdict = decideInferenceEndpointDelete(
      request(),
      facts({ references: refs('embedder'), otherDeployments: [{ deploymentId: 'e5-b', allocationCount: 1 }] }),
    );
    expect(verdict).toEqual({ allowed: true, rule: 'inference_delete.served_by_other_deployment' });
  });

  it('does not count another deployment with no allocation', () => {
    const verdict = decideInferenceEndpointDelete(
      request(),
      facts({ references: refs('embedder'), otherDeployments: [{ deploymentId: 'e5-b', allocationCount: 0 }] }),
    );
    expect(verdict.allowed).toBe(false);
  });

  it('lets force and dry_run through', () => {
    expect(decideInferenceEndpointDelete(request({ force: true }), facts({ references: refs('embedder') })).rule).toBe('inference_delete.force');
    expect(decideInferenceEndpointDelete(request({ dryRun: true }), facts({ references: refs('embedder') })).rule).toBe('inference_delete.dry_run');
  });

  it('does not guard endpoints of external services, nor those using an existing deployment', () => {
    const openai = facts({ endpoint: { inferenceId: 'ep', taskType: 'text_embedding', service: 'openai' }, references: refs('embedder') });
    expect(decideInferenceEndpointDelete(request(), openai).rule).toBe('inference_delete.external_service');
    const existing = facts({
      endpoint: { inferenceId: 'ep', taskType: 'text_embedding', service: 'elasticsearch', existingDeploymentId: 'd' },
      references: refs('embedder'),
    });
    expect(decideInferenceEndpointDelete(request(), existing).rule).toBe('inference_delete.existing_deployment_kept');
  });

  it('guards the elser service too', () => {
    const elser = facts({ endpoint: { inferenceId: 'ep', taskType: 'sparse_embedding', service: 'elser' }, references: refs('e5') });
    expect(decideInferenceEndpointDelete(request(), elser).allowed).toBe(false);
  });

  it('leaves a missing endpoint, a task type mismatch and a missing deployment to Elasticsearch', () => {
    expect(decideInferenceEndpointDelete(request(), facts({ endpoint: null })).rule).toBe('inference_delete.endpoint_missing.forward');
    expect(decideInferenceEndpointDelete(request({ taskType: 'sparse_embedding' }), facts({ references: refs('e5') })).rule).toBe(
      'inference_delete.task_type_mismatch.forward',
    );
    expect(decideInferenceEndpointDelete(request(), facts({ deployment: null, references: refs('e5') })).rule).toBe(
      'inference_delete.no_deployment',
    );
  });

  it('allows an endpoint nothing references', () => {
    expect(decideInferenceEndpointDelete(request(), facts()).rule).toBe('inference_delete.not_referenced');
  });
});
