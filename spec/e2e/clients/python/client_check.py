"""Drives Debian's python3-elasticsearch (7.17) client against one URL and prints JSON.

Usage: /usr/bin/python3 client_check.py <base-url> [full|product-check]

Run by spec/e2e/clients/python-client-elasticsearch-7.spec.ts, which sets the
scenario up first (models mag-test-a and mag-test-b, regression, with input
fields [a] and [b], no alias) and asserts on the JSON printed here. Set
ELASTIC_CLIENT_APIVERSIONING=1 to make the client send compatible-with=7.
"""
import json
import sys
import warnings

import elasticsearch
from elasticsearch import Elasticsearch
from elasticsearch.exceptions import ElasticsearchWarning, TransportError, RequestError


def describe_error(err):
    info = err.info if isinstance(err.info, dict) else {}
    error = info.get("error") if isinstance(info.get("error"), dict) else {}
    return {
        "class": type(err).__module__ + "." + type(err).__name__,
        "is_request_error": isinstance(err, RequestError),
        "status": err.status_code,
        "error": err.error,
        "reason": error.get("reason"),
    }


def product_check_only(es):
    """Only the client's product check: its outcome, or the exception it raised."""
    try:
        es.info()
        return {"verified": es.transport._verified_elasticsearch, "error_class": None}
    except Exception as err:  # noqa: BLE001 - the class is the result
        return {"verified": es.transport._verified_elasticsearch, "error_class": type(err).__module__ + "." + type(err).__name__}


def main():
    url = sys.argv[1]
    mode = sys.argv[2] if len(sys.argv) > 2 else "full"
    es = Elasticsearch([url], max_retries=0, retry_on_timeout=False, timeout=10)
    if mode == "product-check":
        print(json.dumps(product_check_only(es)))
        return
    out = {"client_version": list(elasticsearch.VERSION)}

    # Product check: the client's own GET / verification runs before the first call.
    info = es.info()
    out["verified"] = es.transport._verified_elasticsearch
    out["info"] = {
        "tagline": info.get("tagline"),
        "number": info["version"]["number"],
        "build_flavor": info["version"].get("build_flavor"),
    }

    # Putting an alias the rules allow.
    out["put"] = es.ml.put_trained_model_alias(model_id="mag-test-a", model_alias="mag-test-alias")

    # A refused change: the alias exists and reassign is not set.
    try:
        es.ml.put_trained_model_alias(model_id="mag-test-b", model_alias="mag-test-alias")
        out["refused"] = None
    except TransportError as err:
        out["refused"] = describe_error(err)

    # The move with reassign=true is allowed, with the input-fields warning (an ElasticsearchWarning).
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out["moved"] = es.ml.put_trained_model_alias(model_id="mag-test-b", model_alias="mag-test-alias", reassign=True)
    out["move_warnings"] = [str(w.message) for w in caught if issubclass(w.category, ElasticsearchWarning)]

    out["alias_target"] = es.ml.get_trained_models(model_id="mag-test-alias")["trained_model_configs"][0]["model_id"]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
