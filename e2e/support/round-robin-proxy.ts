// One address in front of several consoles, as a load balancer puts it: each HTTP request goes to the next console in
// turn (per request, not per connection, so a browser's kept-alive connection still alternates between them), and a
// console that refuses the connection (stopped) is skipped for the next one. It counts what each console answered.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export class RoundRobinProxy {
  /** How many requests each backend answered, in the order of `backends`. */
  readonly answered: number[];
  private next = 0;
  private server?: Server;

  constructor(
    readonly port: number,
    private readonly backends: readonly { host: string; port: number }[],
  ) {
    this.answered = backends.map(() => 0);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((incoming, outgoing) => {
      // The body is read first (the specs' requests are small) so a refused connection can be tried on the next console.
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => this.forward(incoming, Buffer.concat(chunks), outgoing, this.next++, this.backends.length));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }

  private forward(incoming: IncomingMessage, body: Buffer, outgoing: ServerResponse, turn: number, triesLeft: number): void {
    const index = turn % this.backends.length;
    const backend = this.backends[index]!;
    // The Host header stays the proxy's, as behind a real load balancer: the consoles see the address users use.
    const forwarded = httpRequest(
      { host: backend.host, port: backend.port, method: incoming.method, path: incoming.url, headers: incoming.headers, agent: false },
      (answer) => {
        this.answered[index]!++;
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED" && triesLeft > 1) return this.forward(incoming, body, outgoing, turn + 1, triesLeft - 1);
      if (!outgoing.headersSent) outgoing.writeHead(502, { "content-type": "text/plain" });
      outgoing.end(`proxy: ${error.message}`);
    });
    forwarded.end(body);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
