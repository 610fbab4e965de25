#!/bin/sh
# One-shot demo for docker-compose.yml (service `seed`), POSIX sh for the curlimages/curl image.
# Everything goes through the proxy, with the caller's own credentials:
#   two tiny tree-ensemble models (one regression, one classification), an alias on the
#   regression model, a pipeline using the alias, then
#   - an allowed change: a new alias on the classification model  -> 200
#   - a refused change: moving the pipeline's alias to the classification model
#     (different inference config type)                            -> 400, Elasticsearch's wording
# Exits 0 only when both answers are the expected ones. Safe to run again: it first removes
# what an earlier run created.
#
# Environment: PROXY_URL (default http://proxy:9201), ELASTIC_PASSWORD (required),
#              ES_USER (default elastic), WAIT_SECONDS (default 120).
set -eu

PROXY_URL="${PROXY_URL:-http://proxy:9201}"
ES_USER="${ES_USER:-elastic}"
: "${ELASTIC_PASSWORD:?ELASTIC_PASSWORD is not set}"
WAIT_SECONDS="${WAIT_SECONDS:-120}"

REGRESSION_MODEL=mag-demo-regression
CLASSIFICATION_MODEL=mag-demo-classification
ALIAS=mag-demo-model
NEW_ALIAS=mag-demo-classifier
PIPELINE=mag-demo-pipeline

STATUS=
BODY=

# call METHOD PATH [JSON]: sets STATUS and BODY and prints both.
call() {
  printf '\n>>> %s %s\n' "$1" "$2"
  if [ $# -ge 3 ]; then
    out=$(curl -sS -u "$ES_USER:$ELASTIC_PASSWORD" -X "$1" -H 'Content-Type: application/json' \
      --data-binary "$3" -w '\n%{http_code}' "$PROXY_URL$2") || out="$(printf '\n000')"
  else
    out=$(curl -sS -u "$ES_USER:$ELASTIC_PASSWORD" -X "$1" -w '\n%{http_code}' "$PROXY_URL$2") || out="$(printf '\n000')"
  fi
  STATUS=$(printf '%s\n' "$out" | tail -n 1)
  BODY=$(printf '%s\n' "$out" | sed '$d')
  printf '<<< %s %s\n' "$STATUS" "$BODY"
}

# expect STATUS...: fails the seed unless the last answer had one of these statuses.
expect() {
  for want in "$@"; do
    [ "$STATUS" = "$want" ] && return 0
  done
  printf '!!! expected HTTP %s, got %s\n' "$*" "$STATUS" >&2
  exit 1
}

# A one-node tree (the body shape of spec/support/fixtures.ts treeModelBody).
regression_model='{
  "input": { "field_names": ["f1"] },
  "inference_config": { "regression": {} },
  "definition": {
    "preprocessors": [],
    "trained_model": {
      "tree": {
        "feature_names": ["f1"],
        "tree_structure": [{ "node_index": 0, "leaf_value": 1.0 }],
        "target_type": "regression"
      }
    }
  }
}'
classification_model='{
  "input": { "field_names": ["f1"] },
  "inference_config": { "classification": {} },
  "definition": {
    "preprocessors": [],
    "trained_model": {
      "tree": {
        "feature_names": ["f1"],
        "tree_structure": [{ "node_index": 0, "leaf_value": [0.4, 0.6] }],
        "target_type": "classification",
        "classification_labels": ["a", "b"]
      }
    }
  }
}'
pipeline='{
  "description": "model-alias-guard demo: inference through the alias '"$ALIAS"'",
  "processors": [{ "inference": { "model_id": "'"$ALIAS"'", "target_field": "ml" } }]
}'

echo "== waiting for the proxy at $PROXY_URL (up to ${WAIT_SECONDS}s)"
waited=0
until [ "$(curl -sS -o /dev/null -w '%{http_code}' "$PROXY_URL/" 2>/dev/null || true)" != "000" ]; do
  waited=$((waited + 2))
  if [ "$waited" -ge "$WAIT_SECONDS" ]; then
    echo "!!! no answer from $PROXY_URL in ${WAIT_SECONDS}s" >&2
    exit 1
  fi
  sleep 2
done
call GET /
expect 200

echo "== removing what an earlier run left (404s are fine)"
call DELETE "/_ingest/pipeline/$PIPELINE"
expect 200 404
for model in "$REGRESSION_MODEL" "$CLASSIFICATION_MODEL"; do
  # Deleting a model deletes its aliases too; the pipeline that used them is gone already.
  call DELETE "/_ml/trained_models/$model"
  expect 200 404
done

echo
echo "== two tiny tree-ensemble models, an alias and a pipeline using the alias"
call PUT "/_ml/trained_models/$REGRESSION_MODEL" "$regression_model"
expect 200
call PUT "/_ml/trained_models/$CLASSIFICATION_MODEL" "$classification_model"
expect 200
call PUT "/_ml/trained_models/$REGRESSION_MODEL/model_aliases/$ALIAS"
expect 200
call PUT "/_ingest/pipeline/$PIPELINE" "$pipeline"
expect 200

echo
echo "== ALLOWED: a new alias on the classification model"
call PUT "/_ml/trained_models/$CLASSIFICATION_MODEL/model_aliases/$NEW_ALIAS"
expect 200

echo
echo "== REFUSED: moving the pipeline's alias $ALIAS from a regression to a classification model"
call PUT "/_ml/trained_models/$CLASSIFICATION_MODEL/model_aliases/$ALIAS?reassign=true"
expect 400
case "$BODY" in
  *"with inference config type [classification]"*) ;;
  *)
    echo "!!! the refusal does not name the inference config mismatch" >&2
    exit 1
    ;;
esac

echo
echo "== done: the proxy allowed the new alias and refused the mismatched move;"
echo "   $ALIAS still points to $REGRESSION_MODEL, so $PIPELINE keeps working."
