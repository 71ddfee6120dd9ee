"""Checks openapi.yaml for slips a YAML parser lets through: every key of every schema must be
a JSON Schema / OpenAPI keyword (a comma inside an unquoted flow-style description, for one,
silently makes the rest of the sentence a key), no keyword may be empty, and every operation
documents the 400 that any request with a control character in its path or query gets.
Usage: python3 scripts/check_spec.py [Sources/Web/openapi.yaml]"""
import sys
import yaml

KEYWORDS = {
    "$ref", "type", "format", "description", "title", "enum", "const", "default", "examples", "example",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "items", "prefixItems",
    "properties", "required", "additionalProperties", "patternProperties", "minProperties", "maxProperties",
    "allOf", "oneOf", "anyOf", "not", "readOnly", "writeOnly", "deprecated", "contentEncoding", "contentMediaType",
}
SUBSCHEMA = {"items", "additionalProperties", "not"}
SUBSCHEMA_LISTS = {"allOf", "oneOf", "anyOf", "prefixItems"}
problems = []


def schema(node, where):
    if not isinstance(node, dict):
        if not isinstance(node, bool):
            problems.append(f"{where}: a schema must be a mapping, found {node!r}")
        return
    for key, value in node.items():
        if key not in KEYWORDS:
            problems.append(f"{where}: unknown key {key!r}")
        elif value is None:
            problems.append(f"{where}: {key!r} is empty")
        elif key == "properties":
            for name, sub in value.items():
                schema(sub, f"{where}.properties.{name}")
        elif key in SUBSCHEMA:
            schema(value, f"{where}.{key}")
        elif key in SUBSCHEMA_LISTS:
            for i, sub in enumerate(value):
                schema(sub, f"{where}.{key}[{i}]")


def media(content, where):
    for kind, body in (content or {}).items():
        if "schema" in body:
            schema(body["schema"], f"{where}.{kind}")


def main(path):
    spec = yaml.safe_load(open(path, encoding="utf-8"))
    components = spec.get("components", {})
    for name, s in components.get("schemas", {}).items():
        schema(s, f"components.schemas.{name}")
    for name, r in components.get("responses", {}).items():
        media(r.get("content"), f"components.responses.{name}")
    for name, p in components.get("parameters", {}).items():
        schema(p.get("schema", {}), f"components.parameters.{name}")
    for route, item in spec.get("paths", {}).items():
        for method, op in item.items():
            if not isinstance(op, dict):
                continue
            where = f"{method.upper()} {route}"
            if "400" not in op.get("responses", {}):
                problems.append(f"{where}: no 400 answer (any path or query string with a control character gets one)")
            for p in op.get("parameters", []):
                if "schema" in p:
                    schema(p["schema"], f"{where} parameter {p.get('name')}")
            media(op.get("requestBody", {}).get("content"), f"{where} requestBody")
            for status, r in op.get("responses", {}).items():
                media(r.get("content"), f"{where} {status}")
    for p in problems:
        print("openapi.yaml:", p)
    print(f"spec check: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "Sources/Web/openapi.yaml"))
