"""Calls the gRPC port the way the original service's Python clients do, with grpcio.

Reads {"target": "host:port", "token": "..." or null, "calls": [{"method": "/pkg.Service/Method",
"request": base64}]} from stdin; the token goes in the `rpc-auth` metadata, as the original's
clients send it; requests and responses stay raw protobuf bytes (identity serializers), so
Node encodes and decodes them with the generated schemas. Prints one JSON result per call; a
failed call's grpc-status-details-bin trailer comes back as base64 in "statusDetails".
"""
import base64
import json
import sys

import grpc

job = json.load(sys.stdin)
metadata = [("rpc-auth", job["token"])] if job.get("token") else []
results = []
with grpc.insecure_channel(job["target"]) as channel:
    for call in job["calls"]:
        rpc = channel.unary_unary(call["method"])  # no serializers: bytes in, bytes out
        try:
            response = rpc(base64.b64decode(call["request"]), timeout=10, metadata=metadata)
            results.append({"ok": base64.b64encode(response).decode()})
        except grpc.RpcError as error:
            result = {"code": error.code().name, "details": error.details()}
            # The google.rpc.Status with its details, as generic gRPC tooling reads it.
            for key, value in error.trailing_metadata() or ():
                if key == "grpc-status-details-bin":
                    result["statusDetails"] = base64.b64encode(value).decode()
            results.append(result)
json.dump(results, sys.stdout)
