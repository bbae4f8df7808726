import type { NextApiRequest, NextApiResponse } from "next";
import { serveApiReference } from "@/server/rpc/api-reference";

export default function handler(request: NextApiRequest, response: NextApiResponse): Promise<void> {
  return serveApiReference(request.query.asset?.[0], response);
}
