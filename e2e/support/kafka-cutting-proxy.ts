// A TCP proxy in front of a test broker (which advertises the proxy's address, so every client connection passes
// through it) that can lose a produce request's answer: it forwards the request to the broker and then cuts the
// client's connection, so the record may be written while its sender never hears so. Or it cuts before forwarding,
// so nothing is written and the sender hears the same. Kafka frames requests as a 4-byte big-endian length and
// then the request header, whose first field is the api key (0 = Produce).
import { createServer, connect, type Server, type Socket } from "node:net";

export type ProduceMode = "pass" | "answer-lost" | "never-sent";

const PRODUCE_API_KEY = 0;

export class KafkaCuttingProxy {
  /** What happens to produce requests from now on; other requests always pass. */
  produceMode: ProduceMode = "pass";
  /** After cutting a produce request, act as if Kafka went away: every connection dropped and refused until `up()`. */
  downAfterCut = false;
  /** Produce requests cut so far, and how many of them reached the broker. */
  cut = 0;
  forwarded = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly clients = new Set<Socket>();
  private down = false;

  constructor(
    readonly listenPort: number,
    readonly brokerPort: number,
  ) {}

  get address(): string {
    return `127.0.0.1:${this.listenPort}`;
  }

  async start(): Promise<void> {
    this.server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.listenPort, "127.0.0.1", () => resolve());
    });
  }

  /** Connections reach the broker again. */
  up(): void {
    this.down = false;
  }

  private goDown(): void {
    this.down = true;
    // Only the client sides: a connection whose answer was lost keeps its broker side a moment longer (see relay).
    for (const client of this.clients) client.destroy();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    return socket;
  }

  private relay(client: Socket): void {
    this.track(client);
    if (this.down) return void client.destroy();
    this.clients.add(client);
    client.on("close", () => this.clients.delete(client));
    const broker = this.track(connect(this.brokerPort, "127.0.0.1"));
    let pending = Buffer.alloc(0);
    let answerLost = false;
    broker.on("data", (chunk) => {
      // The broker's answer to a cut request arrives here: it is dropped with the connection it was meant for.
      if (answerLost) broker.destroy();
      else client.write(chunk);
    });
    broker.on("close", () => client.destroy());
    client.on("close", () => {
      // Left open a moment after a cut, so the broker reads the whole request before its connection goes.
      if (answerLost) setTimeout(() => broker.destroy(), 2_000).unref();
      else broker.destroy();
    });
    client.on("data", (chunk) => {
      if (client.destroyed) return;
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 6) {
        const size = pending.readInt32BE(0);
        if (pending.length < 4 + size) break;
        const frame = pending.subarray(0, 4 + size);
        pending = pending.subarray(4 + size);
        const mode = frame.readInt16BE(4) === PRODUCE_API_KEY ? this.produceMode : "pass";
        if (mode === "pass") {
          broker.write(frame);
          continue;
        }
        this.cut++;
        if (mode === "answer-lost") {
          this.forwarded++;
          answerLost = true;
          broker.write(frame);
        } else broker.destroy();
        client.destroy();
        if (this.downAfterCut) this.goDown();
        return;
      }
    });
  }
}
