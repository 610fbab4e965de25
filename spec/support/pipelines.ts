/**
 * Pipelines that reference a model in each of the shapes the reference
 * walker must find (each shape is tested on its own).
 */
export type ReferenceShape =
  | 'top-level'
  | 'inside foreach'
  | 'in a processor on_failure'
  | 'in the inference processor own on_failure'
  | 'in the pipeline-level on_failure'
  | 'behind an if condition'
  | 'nested deeply';

export const REFERENCE_SHAPES: ReferenceShape[] = [
  'top-level',
  'inside foreach',
  'in a processor on_failure',
  'in the inference processor own on_failure',
  'in the pipeline-level on_failure',
  'behind an if condition',
  'nested deeply',
];

const inference = (modelId: string) => ({ inference: { model_id: modelId, target_field: 'ml' } });

export function pipelineReferencing(modelId: string, shape: ReferenceShape): Record<string, unknown> {
  switch (shape) {
    case 'top-level':
      return { processors: [inference(modelId)] };
    case 'inside foreach':
      return { processors: [{ foreach: { field: 'items', processor: inference(modelId) } }] };
    case 'in a processor on_failure':
      return { processors: [{ set: { field: 'a', value: 'b', on_failure: [inference(modelId)] } }] };
    case 'in the inference processor own on_failure':
      return { processors: [{ inference: { model_id: 'mag-test-unrelated', on_failure: [inference(modelId)] } }] };
    case 'in the pipeline-level on_failure':
      return { processors: [{ set: { field: 'a', value: 'b' } }], on_failure: [inference(modelId)] };
    case 'behind an if condition':
      return { processors: [{ inference: { model_id: modelId, if: 'ctx.text != null', ignore_failure: true, tag: 't' } }] };
    case 'nested deeply': {
      let processor: Record<string, unknown> = inference(modelId);
      for (let depth = 0; depth < 15; depth++) {
        processor = depth % 2 === 0 ? { foreach: { field: 'items', processor } } : { set: { field: 'x', value: 'y', on_failure: [processor] } };
      }
      return { processors: [processor] };
    }
  }
}
