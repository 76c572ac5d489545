import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { descendants, endProcessTree, running } from "./process-tree";

describe("endProcessTree", () => {
  it("ends children, grandchildren and those in a process group of their own", async () => {
    // A child shell whose own child sits in a new process group (as Playwright's web servers do),
    // with a grandchild of its own that ignores SIGTERM (so only SIGKILL ends it).
    const child = spawn("sh", ["-c", `setsid sh -c 'trap "" TERM; sleep 60 & wait' & sleep 60 & wait`], { stdio: "ignore" });
    let tree: number[] = [];
    for (let i = 0; i < 50 && tree.length < 4; i++) {
      await new Promise((r) => setTimeout(r, 50));
      tree = descendants(process.pid).filter((pid) => pid === child.pid || descendants(child.pid!).includes(pid));
    }
    expect(tree.length).toBeGreaterThanOrEqual(4);

    const signalled = await endProcessTree(child.pid!, { graceMs: 500 });
    child.kill("SIGTERM");
    expect(signalled).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 100));
    expect(tree.filter((pid) => pid !== child.pid).filter(running)).toEqual([]);
  });
});
