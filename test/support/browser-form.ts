import { request } from "node:http";

// A browser without JavaScript, at the HTTP level: it reads a page's form and posts it back
// with the headers a browser sends (Origin, Sec-Fetch-Site, its cookies), from an address of
// its choosing, so a test can tell its own address from a proxy's.

export type PageAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One HTTP exchange; `localAddress` is the client's own address (any 127.0.0.0/8 works on Linux). */
export function exchange(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer; localAddress?: string } = {},
): Promise<PageAnswer> {
  return new Promise((resolve, reject) => {
    // Content-Length written out: Node sends a GET's or DELETE's body unframed otherwise.
    const headers = { ...options.headers, ...(options.body && { "content-length": String(options.body.length) }) };
    const outgoing = request(
      url,
      { method: options.method ?? "GET", headers, localAddress: options.localAddress },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        incoming.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

const entities: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", "#x27": "'", "#39": "'" };
const decode = (text: string) => text.replace(/&(amp|quot|lt|gt|#x27|#39);/g, (_, name: string) => entities[name]!);

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries(
    [...tag.matchAll(/([\w:$-]+)="([^"]*)"/g)].map(([, name, value]) => [name!, decode(value!)]),
  );
}

/** The hidden inputs of the first form on `html` that has one named `marker` (or starting with it). */
export function hiddenInputs(html: string, marker: string): Record<string, string> {
  for (const [form] of html.matchAll(/<form\b[\s\S]*?<\/form>/g)) {
    const hidden = [...form.matchAll(/<input\b[^>]*>/g)]
      .map(([tag]) => attributes(tag))
      .filter((input) => input.type === "hidden" && input.name !== undefined);
    if (hidden.some((input) => input.name!.startsWith(marker))) {
      return Object.fromEntries(hidden.map((input) => [input.name!, input.value ?? ""]));
    }
  }
  throw new Error(`no form with a hidden input ${marker}… on the page`);
}

/** The session cookie's `name=value` from an answer's Set-Cookie, or undefined. */
export function cookieFrom(answer: PageAnswer, name: string): string | undefined {
  const lines = [answer.headers["set-cookie"] ?? []].flat();
  return lines.map((line) => line.split(";")[0]!).find((pair) => pair.startsWith(`${name}=`) && pair !== `${name}=`);
}

/**
 * Posts fields as a browser submits a form to its own site at `url`: multipart (as React's
 * server-action forms are) or urlencoded, with Origin and Sec-Fetch-Site.
 */
export async function submitForm(
  url: string,
  fields: Record<string, string>,
  options: { multipart?: boolean; cookie?: string; localAddress?: string } = {},
): Promise<PageAnswer> {
  const form = options.multipart ? new FormData() : new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  // Response encodes the body (and its multipart boundary) as fetch would send it.
  const encoded = new Response(form);
  return exchange(url, {
    method: "POST",
    body: Buffer.from(await encoded.arrayBuffer()),
    localAddress: options.localAddress,
    headers: {
      "content-type": encoded.headers.get("content-type")!,
      origin: new URL(url).origin,
      "sec-fetch-site": "same-origin",
      ...(options.cookie && { cookie: options.cookie }),
    },
  });
}
