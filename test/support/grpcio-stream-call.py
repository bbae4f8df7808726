"""Makes streaming calls with Python's grpcio, the original service's client library.

Reads {"target": "host:port", "calls": [{"method": "/pkg.Service/Method",
"kind": "unary_stream" | "stream_unary" | "stream_stream", "requests": [base64, ...]}]}
from stdin; messages stay raw protobuf bytes (no serializers), so Node encodes and decodes
them with the generated schemas. Prints one JSON result per call: {"ok": [base64, ...]}
or {"code": "NAME", "details": "..."}.
"""
import base64
import json
import sys

import grpc

job = json.load(sys.stdin)
results = []
with grpc.insecure_channel(job["target"]) as channel:
    for call in job["calls"]:
        requests = [base64.b64decode(r) for r in call["requests"]]
        kind = call["kind"]
        rpc = getattr(channel, kind)(call["method"])
        try:
            if kind == "unary_stream":
                responses = list(rpc(requests[0], timeout=10))
            elif kind == "stream_unary":
                responses = [rpc(iter(requests), timeout=10)]
            else:
                responses = list(rpc(iter(requests), timeout=10))
            results.append({"ok": [base64.b64encode(r).decode() for r in responses]})
        except grpc.RpcError as error:
            results.append({"code": error.code().name, "details": error.details()})
json.dump(results, sys.stdout)
