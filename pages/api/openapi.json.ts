import type { NextApiRequest, NextApiResponse } from "next";
import openApiDocument from "@/gen/openapi/openapi.json";

/** The OpenAPI 3.1 document of the REST routes, generated from the protos (gen/openapi). */
export default function handler(request: NextApiRequest, response: NextApiResponse): void {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("Allow", "GET, HEAD");
    response.status(405).json({ error: { code: 405, status: "UNIMPLEMENTED", message: "Use GET.", details: [] } });
    return;
  }
  response.setHeader("Cache-Control", "no-cache");
  response.status(200).json(openApiDocument);
}
