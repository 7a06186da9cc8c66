// A plain-HTTP pass-through in front of an identity provider that counts refresh grants at its
// token endpoint and can hold the first one: tests of "one refresh per connection" see what the
// provider was asked, and can keep one refresh in flight while another request arrives.
// The provider must be started with this gate's URL as its issuer, so discovery sends every
// client here.
import { EventEmitter, once } from "node:events";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";

export interface TIssuerGate {
  /** http://localhost:<port>: the issuer URL the provider and its clients use. */
  url: string;
  /** Where requests go on (the provider's own address); set once the provider listens. */
  forwardTo(origin: string): void;
  /** Refresh grants that reached the gate so far, held or not. */
  refreshGrants(): number;
  /**
   * Holds the next refresh grant until `release()`; `arrived` resolves when it is being held.
   * Later refresh grants pass straight through (so a second one shows up in the count).
   */
  holdNextRefresh(): { arrived: Promise<void>; release(): void };
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function isRefreshGrant(req: IncomingMessage, body: Buffer): boolean {
  return (
    req.method === "POST" &&
    new URLSearchParams(body.toString("utf8")).get("grant_type") === "refresh_token"
  );
}

export async function startIssuerGate(): Promise<TIssuerGate> {
  let target: string | undefined;
  let grants = 0;
  let hold: { release: Promise<void> } | undefined;
  const events = new EventEmitter();

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    if (!target) {
      res.writeHead(503).end("the gate has nowhere to forward yet");
      return;
    }
    const upstream = request(
      new URL(req.url ?? "/", target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => res.writeHead(502).end(error.message));
    upstream.end(body);
  };

  const server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      if (isRefreshGrant(req, body)) {
        grants += 1;
        const held = hold;
        hold = undefined;
        if (held) {
          events.emit("held");
          await held.release;
        }
      }
      forward(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("the gate has no port");

  return {
    url: `http://localhost:${address.port}`,
    forwardTo: (origin) => (target = origin),
    refreshGrants: () => grants,
    holdNextRefresh: () => {
      let release!: () => void;
      hold = { release: new Promise<void>((resolve) => (release = resolve)) };
      return { arrived: once(events, "held").then(() => undefined), release };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
