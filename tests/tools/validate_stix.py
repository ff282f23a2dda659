#!/usr/bin/env python3
"""Validates STIX 2.1 bundles against the official JSON schemas (OASIS cti-stix2-json-schemas).

usage: validate_stix.py SCHEMA_DIR BUNDLE.json...
Every schema file under SCHEMA_DIR is registered under its $id, so the schemas' relative $refs
resolve offline. The bundle is checked against common/bundle.json and each object against the
schema of its type (sdos/, sros/, observables/, common/). Exit 0 when all are valid, 1 with one
line per violation otherwise, 2 on usage errors.
"""
import json
import pathlib
import sys

import jsonschema


def load_schemas(schema_dir):
    schemas = {}
    by_type = {}
    for path in pathlib.Path(schema_dir).rglob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        schemas[schema["$id"]] = schema
        by_type[path.stem] = schema
    return schemas, by_type


def validator_for(schema, schemas):
    cls = jsonschema.Draft202012Validator
    try:  # jsonschema >= 4.18
        from referencing import Registry, Resource
        registry = Registry().with_resources(
            (uri, Resource.from_contents(contents)) for uri, contents in schemas.items())
        return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)
    except ImportError:  # Debian 12's jsonschema 4.10
        resolver = jsonschema.RefResolver(base_uri=schema["$id"], referrer=schema, store=schemas)
        return cls(schema, resolver=resolver, format_checker=cls.FORMAT_CHECKER)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    schemas, by_type = load_schemas(argv[1])
    problems = []
    for name in argv[2:]:
        bundle = json.loads(pathlib.Path(name).read_text(encoding="utf-8"))
        checks = [("bundle", by_type["bundle"], bundle)]
        for index, obj in enumerate(bundle.get("objects", [])):
            schema = by_type.get(obj.get("type", ""))
            if schema is None:
                problems.append(f"{name}: objects[{index}]: no schema for type {obj.get('type')!r}")
                continue
            checks.append((f"objects[{index}] {obj.get('id')}", schema, obj))
        for where, schema, instance in checks:
            for error in validator_for(schema, schemas).iter_errors(instance):
                problems.append(f"{name}: {where}: {error.message}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
