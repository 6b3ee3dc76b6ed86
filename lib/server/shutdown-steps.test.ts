// The shutdown's steps: run in order, a failing one does not stop the rest, and one that hangs meets the deadline.
import { describe, expect, it } from "vitest";
import { runShutdownSteps } from "./shutdown-steps";

describe("runShutdownSteps", () => {
  it("runs every step in order, past one that fails, and exits 0", async () => {
    const ran: string[] = [];
    const exits: number[] = [];
    const step = (name: string, fail = false) => ({
      name,
      run: async () => {
        ran.push(name);
        if (fail) throw new Error(`${name} failed`);
      },
    });
    await runShutdownSteps("SIGTERM", [step("requests"), step("pieces", true), step("store")], {
      deadlineMs: 1_000,
      exit: (code) => exits.push(code),
    });
    expect(ran).toEqual(["requests", "pieces", "store"]);
    expect(exits).toEqual([0]);
  });

  it("exits 1 at the deadline when a step hangs, and runs nothing after it", async () => {
    const ran: string[] = [];
    const exits: number[] = [];
    let unblock!: () => void;
    const done = runShutdownSteps(
      "SIGTERM",
      [
        { name: "hangs", run: () => new Promise<void>((resolve) => (unblock = resolve)) },
        { name: "after", run: async () => void ran.push("after") },
      ],
      { deadlineMs: 50, exit: (code) => exits.push(code) },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(exits).toEqual([1]);
    unblock();
    await done;
    expect(ran).toEqual([]);
    expect(exits).toEqual([1]);
  });
});
