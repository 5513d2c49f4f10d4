"""schemas/openrpc.json: served by rpc.discover, shaped like OpenRPC 1.3, in step with the
registered methods, and true of real traffic (every reply validated with jsonschema)."""

import json

import jsonschema

from integration_support import OPENRPC, SPACE

DOC = json.loads(OPENRPC.read_text())
COMPONENTS = DOC["components"]
VALIDATORS = (jsonschema.Draft7Validator, jsonschema.Draft202012Validator)
#: Methods the RPC layer answers itself (the LSP lifecycle); every other one is registered.
LIFECYCLE = {"initialize", "shutdown"}
REQUIRED_ERROR_CODES = {-32700, -32600, -32601, -32602, -32603, -32002, -32800, *range(1000, 1010)}
#: Keywords that mean the same in draft-07 and 2020-12.
SHARED_KEYWORDS = {
    "$ref", "type", "enum", "const", "properties", "required", "additionalProperties", "items", "minItems",
    "maxItems", "uniqueItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
    "maxLength", "pattern", "minProperties", "maxProperties", "anyOf", "oneOf", "allOf", "not",
    "description", "title", "default", "examples",
}

# The document shape OpenRPC 1.3 prescribes (the parts this server uses).
REF = {"type": "object", "required": ["$ref"], "properties": {"$ref": {"type": "string", "pattern": "^#/components/"}}}
CONTENT_DESCRIPTOR = {
    "type": "object", "required": ["name", "schema"],
    "properties": {"name": {"type": "string", "minLength": 1}, "summary": {"type": "string"},
                   "description": {"type": "string"}, "required": {"type": "boolean"},
                   "schema": {"type": "object"}, "deprecated": {"type": "boolean"}},
    "additionalProperties": False,
}
ERROR = {"type": "object", "required": ["code", "message"],
         "properties": {"code": {"type": "integer"}, "message": {"type": "string"}, "data": {}},
         "patternProperties": {"^x-": {}}, "additionalProperties": False}
OPENRPC_SHAPE = {
    "type": "object", "required": ["openrpc", "info", "methods"],
    "properties": {
        "openrpc": {"type": "string", "pattern": r"^1\.3\.\d+$"},
        "info": {"type": "object", "required": ["title", "version"],
                 "properties": {"title": {"type": "string"}, "version": {"type": "string"}}},
        "methods": {"type": "array", "items": {
            "type": "object", "required": ["name", "params"],
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "summary": {"type": "string"}, "description": {"type": "string"},
                "paramStructure": {"enum": ["by-name", "by-position", "either"]},
                "params": {"type": "array", "items": {"anyOf": [CONTENT_DESCRIPTOR, REF]}},
                "result": {"anyOf": [CONTENT_DESCRIPTOR, REF]},
                "errors": {"type": "array", "items": {"anyOf": [ERROR, REF]}},
                "examples": {"type": "array"},
            },
            "additionalProperties": False}},
        "components": {"type": "object", "properties": {
            "schemas": {"type": "object", "additionalProperties": {"type": "object"}},
            "errors": {"type": "object", "additionalProperties": ERROR}}},
    },
}


def method(name):
    return next(m for m in DOC["methods"] if m["name"] == name)


def validate(instance, schema):
    """Validates under draft-07 and 2020-12, resolving #/components/... against the document."""
    rooted = {"allOf": [schema], "components": COMPONENTS}
    for cls in VALIDATORS:
        errors = sorted(cls(rooted).iter_errors(instance), key=str)
        assert not errors, f"{cls.__name__}: {errors[0].message} at {list(errors[0].absolute_path)}\n{json.dumps(instance)[:800]}"


def walk(node, visit, path="#"):
    visit(node, path)
    if isinstance(node, dict):
        for key, value in node.items():
            walk(value, visit, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            walk(value, visit, f"{path}/{index}")


# MARK: - The document itself

def test_rpc_discover_serves_the_schemas_file(daemon):
    assert daemon.call(1, "rpc.discover")["result"] == DOC


def test_document_has_the_openrpc_shape():
    validate(DOC, OPENRPC_SHAPE)
    names = [m["name"] for m in DOC["methods"]]
    assert len(names) == len(set(names))
    for m in DOC["methods"]:
        params = [p["name"] for p in m["params"]]
        assert len(params) == len(set(params)), m["name"]


def test_every_reference_resolves():
    def check(node, path):
        if isinstance(node, dict) and "$ref" in node:
            target = DOC
            for part in node["$ref"][2:].split("/"):
                assert part in target, f"{path}: dangling {node['$ref']}"
                target = target[part]
    walk(DOC, check)


def schemas_in_document():
    for name, schema in COMPONENTS["schemas"].items():
        yield f"components/schemas/{name}", schema
    for m in DOC["methods"]:
        for p in m["params"]:
            yield f"{m['name']} param {p['name']}", p["schema"]
        if "result" in m:
            yield f"{m['name']} result", m["result"]["schema"]


def test_every_schema_is_valid_in_draft_07_and_2020_12_and_uses_shared_keywords_only():
    for where, schema in schemas_in_document():
        for cls in VALIDATORS:
            cls.check_schema(schema)

        def check(node, path):
            unknown = set(node) - SHARED_KEYWORDS
            assert not unknown, f"{where} {path}: keywords outside the draft-07/2020-12 subset: {unknown}"
            if "$ref" in node:
                assert set(node) <= {"$ref", "description"}, f"{where} {path}: $ref with siblings means different things"
        _walk_schema(schema, check)


def _walk_schema(schema, visit, path="#"):
    """Visits every subschema (not property-name maps, enums or examples)."""
    if not isinstance(schema, dict):
        return
    visit(schema, path)
    for key in ("properties",):
        for name, sub in schema.get(key, {}).items():
            _walk_schema(sub, visit, f"{path}/{key}/{name}")
    for key in ("items", "additionalProperties", "not"):
        if isinstance(schema.get(key), dict):
            _walk_schema(schema[key], visit, f"{path}/{key}")
    for key in ("anyOf", "oneOf", "allOf"):
        for index, sub in enumerate(schema.get(key, [])):
            _walk_schema(sub, visit, f"{path}/{key}/{index}")


def test_error_codes_are_all_listed_with_distinct_codes():
    codes = [e["code"] for e in COMPONENTS["errors"].values()]
    assert len(codes) == len(set(codes))
    assert REQUIRED_ERROR_CODES <= set(codes)
    invalid_params = next(e for e in COMPONENTS["errors"].values() if e["code"] == -32602)
    validate(invalid_params["data"], COMPONENTS["schemas"]["InvalidParamsData"])


def test_methods_match_the_registered_methods(daemon):
    registered = set(daemon.call(1, "initialize", {})["result"]["capabilities"]["methods"])
    documented = {m["name"] for m in DOC["methods"]}
    assert documented - LIFECYCLE == registered
    assert LIFECYCLE <= documented


def test_examples_validate_against_their_method():
    for m in DOC["methods"]:
        for example in m.get("examples", []):
            by_name = {p["name"]: p["schema"] for p in m["params"]}
            for param in example["params"]:
                validate(param["value"], by_name[param["name"]])
            validate(example["result"]["value"], m["result"]["schema"])


def test_strategy_option_schemas_are_draft_07_and_2020_12(daemon):
    for strategy in daemon.call(1, "strategy/list")["result"]:
        for cls in VALIDATORS:
            cls.check_schema(strategy["options"])


# MARK: - Real traffic

class Checked:
    """Sends requests, checking params against the document before and results or errors after."""

    def __init__(self, daemon):
        self.daemon = daemon
        self.next_id = 0
        self.methods_seen = set()
        self.error_codes = set()

    def params_valid(self, name, params):
        m = method(name)
        declared = {p["name"]: p for p in m["params"]}
        for p in m["params"]:
            if p.get("required"):
                assert p["name"] in params, f"{name}: missing required {p['name']}"
        for key, value in (params or {}).items():
            assert key in declared, f"{name}: param {key} is not documented"
            validate(value, declared[key]["schema"])

    def __call__(self, name, params=None, expect_error=None):
        self.next_id += 1
        if expect_error is None:
            self.params_valid(name, params or {})
        reply = self.daemon.call(self.next_id, name, params)
        self.methods_seen.add(name)
        if expect_error is not None:
            assert "error" in reply, reply
            error = reply["error"]
            validate(error, COMPONENTS["schemas"]["ErrorObject"])
            assert error["code"] == expect_error, error
            listed = {e["code"] for e in COMPONENTS["errors"].values()}
            assert error["code"] in listed
            documented = {COMPONENTS["errors"][ref["$ref"].rsplit("/", 1)[1]]["code"] for ref in method(name)["errors"]}
            assert error["code"] in documented, f"{name} answered {error['code']}, not listed in its errors"
            if error["code"] == -32602:
                validate(error["data"], COMPONENTS["schemas"]["InvalidParamsData"])
            self.error_codes.add(error["code"])
            return error
        assert "result" in reply, reply
        validate(reply["result"], method(name)["result"]["schema"])
        return reply["result"]


def test_every_reply_validates_against_its_result_schema(daemon):
    call = Checked(daemon)
    call("initialize", {"processId": None, "clientInfo": {"name": "tests"}, "capabilities": {}})
    call("rpc.discover")
    call("strategy/list")
    call("pruner/list")
    call("session/list")

    created = call("session/create", {"strategy": "random", "space": SPACE, "seed": 1, "name": "checked", "sessionId": "checked"})
    sid = created["sessionId"]
    assert created == {"sessionId": "checked", "seed": 1}
    trials = call("session/ask", {"sessionId": sid, "count": 4, "clientId": "w1"})["trials"]
    call("session/ask", {"sessionId": sid, "clientId": "w1"})
    call("trial/report", {"sessionId": sid, "trialId": trials[0]["trialId"], "step": 1, "value": 0.5})
    call("session/tell", {"sessionId": sid, "trialId": trials[0]["trialId"], "value": 0.25, "budget": 3, "cost": 1.5})
    call("session/tell", {"sessionId": sid, "trialId": trials[1]["trialId"], "state": "failed"})
    call("session/tell", {"sessionId": sid, "trialId": trials[2]["trialId"], "state": "pruned"})
    call("trial/abandon", {"sessionId": sid, "trialId": trials[3]["trialId"]})
    call("session/tell", {"sessionId": sid, "config": {"optimizer": "adam", "lr": 0.01, "layers": 2}, "value": 0.1})
    queued = call("session/enqueue", {"sessionId": sid, "config": {"optimizer": "sgd", "lr": 0.001, "momentum": 0.5, "layers": 1}})
    for state in ("queued", "pending", "complete", "failed", "pruned", "abandoned"):
        call("session/trials", {"sessionId": sid, "state": state})
    call("session/trials", {"sessionId": sid, "offset": 1, "limit": 2})
    call("session/best", {"sessionId": sid})
    call("session/status", {"sessionId": sid})
    call("session/ask", {"sessionId": sid})
    assert queued["trialId"] >= 0
    call("session/list")
    call("session/close", {"sessionId": sid})
    call("session/list")
    call("session/open", {"sessionId": sid})

    empty = call("session/create", {"strategy": {"name": "sobol", "options": {"scramble": True}}, "space": SPACE,
                                    "objectives": [{"name": "loss", "goal": "minimize"}, {"name": "acc", "goal": "maximize"}]})
    assert call("session/best", {"sessionId": empty["sessionId"]}) == {"best": None, "trials": []}
    pair = call("session/ask", {"sessionId": empty["sessionId"], "count": 2})["trials"]
    for i, t in enumerate(pair):
        call("session/tell", {"sessionId": empty["sessionId"], "trialId": t["trialId"], "values": [float(i), float(i)]})
    call("session/best", {"sessionId": empty["sessionId"]})
    call("session/status", {"sessionId": empty["sessionId"]})

    pruned = call("session/create", {"strategy": "random", "space": SPACE, "pruner": {"name": "median", "options": {"startupTrials": 0}}})
    first = call("session/ask", {"sessionId": pruned["sessionId"]})["trials"][0]
    call("trial/report", {"sessionId": pruned["sessionId"], "trialId": first["trialId"], "step": 1, "value": 1.0})
    call("session/status", {"sessionId": pruned["sessionId"]})

    grid = call("session/create", {"strategy": {"name": "grid", "options": {"resolution": 2}},
                                   "space": {"params": [{"name": "x", "type": "float", "low": 0, "high": 1}]}})
    call("session/ask", {"sessionId": grid["sessionId"], "count": 5})
    call("session/ask", {"sessionId": grid["sessionId"]})
    call("session/status", {"sessionId": grid["sessionId"]})

    trained = call("session/create", {"strategy": "random", "space": {"params": [{"name": "learningRate", "type": "float", "low": 1e-3, "high": 0.1}]}})
    call("session/run", {"sessionId": trained["sessionId"], "evaluator": {"kind": "trainer", "dataset": "digits", "config": {"epochs": 1, "layers": 1, "width": 4}}, "maxTrials": 1})

    # Every documented method was exercised.
    assert {m["name"] for m in DOC["methods"]} - {"shutdown"} <= call.methods_seen | {"shutdown"}
    call("shutdown")


def test_error_replies_are_documented_per_method(daemon):
    call = Checked(daemon)
    sid = call("session/create", {"strategy": "random", "space": SPACE, "seed": 3})["sessionId"]
    (trial,) = call("session/ask", {"sessionId": sid})["trials"]
    call("session/create", {"strategy": "random", "space": {"params": [{"name": "x", "type": "float", "low": 1, "high": 0}]}}, expect_error=-32602)
    call("session/create", {"strategy": "nope", "space": SPACE}, expect_error=1005)
    call("session/create", {"strategy": "random", "space": SPACE, "sessionId": sid}, expect_error=1008)
    call("session/ask", {"sessionId": "missing"}, expect_error=1000)
    call("session/ask", {"sessionId": sid, "count": 0}, expect_error=-32602)
    call("session/tell", {"sessionId": sid, "trialId": 99, "value": 1}, expect_error=1001)
    call("session/tell", {"sessionId": sid, "trialId": trial["trialId"], "value": "1"}, expect_error=-32602)
    call("session/tell", {"sessionId": sid, "trialId": trial["trialId"], "value": 1})
    call("session/tell", {"sessionId": sid, "trialId": trial["trialId"], "value": 1}, expect_error=1002)
    call("trial/report", {"sessionId": sid, "trialId": trial["trialId"], "step": 1, "value": 1}, expect_error=1002)
    call("trial/abandon", {"sessionId": sid, "trialId": 7}, expect_error=1001)
    call("session/enqueue", {"sessionId": sid, "config": {"optimizer": "rmsprop"}}, expect_error=-32602)
    call("session/trials", {"sessionId": sid, "limit": 0}, expect_error=-32602)
    call("session/status", {"sessionId": "missing"}, expect_error=1000)
    call("session/best", {"sessionId": "missing"}, expect_error=1000)
    call("session/open", {"sessionId": "missing"}, expect_error=1000)
    call("session/close", {"sessionId": sid})
    call("session/ask", {"sessionId": sid}, expect_error=1003)
    call("session/close", {"sessionId": "missing"}, expect_error=1000)
    assert {-32602, 1000, 1001, 1002, 1003, 1005, 1008} <= call.error_codes


def test_parse_error_data_matches_its_schema(daemon):
    daemon.send(b"Content-Length: x\r\n\r\n{}")
    headers, body = daemon.read_lsp_raw()
    error = json.loads(body)["error"]
    validate(error["data"], COMPONENTS["schemas"]["ParseErrorData"])
    assert error["code"] == -32700
