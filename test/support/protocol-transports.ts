import type { Agent } from "node:http";
import type { Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import type { Interceptor } from "@connectrpc/connect";
import { sendToken } from "./credentials";

const withHeaders =
  (headers: Record<string, string>): Interceptor =>
  (next) =>
  (request) => {
    for (const [name, value] of Object.entries(headers)) request.header.set(name, value);
    return next(request);
  };
import type { NextServer } from "./next-server";

/**
 * `agent` replaces Node's shared keep-alive agent for the HTTP/1.1 transports. `token` is sent
 * in `rpc-auth`: the server's own token unless given, none when false. `headers` go with every
 * call (a session cookie).
 */
export type TransportOptions = { agent?: Agent; token?: string | false; headers?: Record<string, string> };

/** One way a client reaches the service, over a real socket. */
export type Protocol = {
  name: string;
  transport: (server: NextServer, options?: TransportOptions) => Transport;
};

const credentials = (server: NextServer, { token = server.token, headers = {} }: TransportOptions = {}) => ({
  interceptors: [
    ...(token === false ? [] : [sendToken(token)]),
    ...(Object.keys(headers).length === 0 ? [] : [withHeaders(headers)]),
  ],
});

const h1 = (server: NextServer, options: TransportOptions = {}) => ({
  baseUrl: server.apiUrl,
  httpVersion: "1.1" as const,
  ...(options.agent && { nodeOptions: { agent: options.agent } }),
  ...credentials(server, options),
});

/** Every protocol and port the issue promises, each as its own client library speaks it. */
export const protocols: Protocol[] = [
  {
    name: "Connect JSON (Next /api, HTTP/1.1)",
    transport: (server, options) => createConnectTransport(h1(server, options)),
  },
  {
    name: "Connect binary (Next /api, HTTP/1.1)",
    transport: (server, options) => createConnectTransport({ ...h1(server, options), useBinaryFormat: true }),
  },
  {
    name: "Connect GET (Next /api, HTTP/1.1)",
    transport: (server, options) => createConnectTransport({ ...h1(server, options), useHttpGet: true }),
  },
  {
    name: "gRPC-Web (Next /api, HTTP/1.1)",
    transport: (server, options) => createGrpcWebTransport(h1(server, options)),
  },
  {
    name: "gRPC (gRPC port, HTTP/2)",
    transport: (server, options) => createGrpcTransport({ baseUrl: server.grpcUrl, ...credentials(server, options) }),
  },
  {
    name: "Connect JSON (gRPC port, HTTP/2)",
    transport: (server, options) =>
      createConnectTransport({ baseUrl: server.grpcUrl, httpVersion: "2", ...credentials(server, options) }),
  },
];
