/** The trained-models REST base path. */
export const BASE = '/_ml/trained_models';
