// A WHATWG `(Request) => Promise<Response>` served over real HTTP with node:http alone: each incoming
// message becomes a Request (method, full URL, headers, its body streamed), the Response goes back
// streamed. The server never crashes on what a client sends: a handler that throws is a 500, a request
// node cannot parse (a header block over its 16 KB limit, a broken request line) is answered 431 or 400,
// and a client that goes away aborts the Request's signal. With `maxBodyBytes`, a request body over it
// is answered 413 `{error}` before the handler sees it (by its Content-Length) or as soon as the count
// passes it (a chunked body): no more of it is read, and the connection is closed after the answer.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Readable } from "node:stream";

export type FetchHandler = (request: Request) => Promise<Response>;

export interface ServeOptions {
  /** The port to listen on; 0 (the default) takes a free one. */
  port?: number;
  /** The address to listen on. Default "127.0.0.1" (loopback only). */
  host?: string;
  /** The most bytes of request body the handler may read; a larger body is a 413. Default: no limit. */
  maxBodyBytes?: number;
}

export interface Served {
  /** `http://127.0.0.1:PORT`: the origin requests are addressed to. */
  url: string;
  port: number;
  /** Stops listening and ends every connection, keep-alive ones too. */
  close(): Promise<void>;
}

/** Responses to these carry no body, whatever the Response holds. */
const NO_BODY_STATUS = new Set([204, 205, 304]);

export async function serve(handle: FetchHandler, options: ServeOptions = {}): Promise<Served> {
  const host = options.host ?? "127.0.0.1";
  let origin = "";
  const server = createServer((req, res) => {
    void answer(handle, origin, req, res, options.maxBodyBytes);
  });
  // What node's parser refuses never reaches the handler: answer it here rather than with a bare reset.
  server.on("clientError", (error: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const body = tooLarge ? "request line and headers over 16 KB" : "malformed HTTP request";
    const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${urlHost(host)}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: origin,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The host as it goes in a URL: a wildcard address is reached on loopback, IPv6 in brackets. */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

async function answer(
  handle: FetchHandler,
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number | undefined,
) {
  const controller = new AbortController();
  // A client that goes away before the whole answer was written: whatever the handler is doing for it
  // (reading its body, waiting on an upstream) is aborted.
  res.on("close", () => {
    if (!res.writableFinished) controller.abort(new Error("the client closed the connection"));
  });
  const declared = Number(req.headers["content-length"] ?? 0);
  if (maxBodyBytes !== undefined && declared > maxBodyBytes) {
    await write(tooLarge(maxBodyBytes, `${declared} bytes`), req, res);
    return;
  }
  let over = false;
  let response: Response;
  try {
    const request = toRequest(origin, req, controller.signal, maxBodyBytes, () => (over = true));
    response = await handle(request);
  } catch {
    if (over) {
      await write(tooLarge(maxBodyBytes!, "more"), req, res);
      return;
    }
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("internal error: the handler failed");
    }
    return;
  }
  if (over) {
    // Whatever the handler made of a body cut short, the answer is that it was too large.
    await response.body?.cancel().catch(() => {});
    response = tooLarge(maxBodyBytes!, "more");
  }
  await write(response, req, res);
}

/** The 413 for a body over the limit; the connection is closed after it (the rest of the body unread). */
function tooLarge(limit: number, size: string): Response {
  return Response.json(
    { error: `request body: ${size}, at most ${limit} bytes (this server's limit)` },
    { status: 413, headers: { connection: "close" } },
  );
}

/**
 * The body as the handler reads it, counted: past `limit` bytes it fails (and `over` is called) and no
 * more is read from the connection.
 */
function bounded(
  body: ReadableStream<Uint8Array>,
  limit: number,
  over: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        size += value.byteLength;
        if (size > limit) {
          over();
          controller.error(new RangeError(`request body over ${limit} bytes`));
          return;
        }
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

function toRequest(
  origin: string,
  req: IncomingMessage,
  signal: AbortSignal,
  maxBodyBytes?: number,
  over: () => void = () => {},
): Request {
  // The request target, even an absolute one (`GET http://host/path`), is taken as a path on this server.
  const target = req.url ?? "/";
  const path = target.startsWith("/") ? target : pathOf(target);
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    try {
      headers.append(name, req.rawHeaders[i + 1]!);
    } catch {
      // A header fetch cannot hold (node's parser lets a few through): left out.
    }
  }
  const method = req.method ?? "GET";
  const hasBody =
    method !== "GET" &&
    method !== "HEAD" &&
    (req.headers["transfer-encoding"] !== undefined ||
      (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0"));
  return new Request(`${origin}${path}`, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: bodyOf(req, maxBodyBytes, over), duplex: "half" } : {}),
  } as RequestInit);
}

function bodyOf(req: IncomingMessage, limit: number | undefined, over: () => void) {
  const body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
  return limit === undefined ? body : bounded(body, limit, over);
}

function pathOf(target: string): string {
  try {
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return `/${target}`;
  }
}

async function write(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (res.destroyed) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) if (name !== "set-cookie") headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  const bodiless = req.method === "HEAD" || NO_BODY_STATUS.has(response.status) || response.body === null;
  try {
    res.writeHead(response.status, response.statusText || undefined, headers);
  } catch {
    // A header node refuses to write (a value fetch allowed but HTTP/1.1 does not).
    await response.body?.cancel().catch(() => {});
    res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("internal error: the response's headers could not be written");
    return;
  }
  if (bodiless) {
    await response.body?.cancel().catch(() => {});
    res.end();
    return;
  }
  // The status and headers go now: a body whose first chunk takes a while (a long stream) is not waited for.
  res.flushHeaders();
  const reader = response.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) throw new Error("the client closed the connection");
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    // The body failed midway (or the client left): the status is sent, so the connection is cut.
    void reader.cancel().catch(() => {});
    res.destroy();
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", closed);
      resolve();
    };
    const closed = () => {
      res.off("drain", done);
      reject(new Error("the client closed the connection"));
    };
    res.on("drain", done);
    res.on("close", closed);
  });
}
