import { readdirSync, readFileSync } from "node:fs";

/**
 * The processes below a process, read from /proc (Linux): children, their children, and so on,
 * including those that moved to a process group of their own (Playwright starts its web servers
 * that way, so a signal to our group never reaches them). Parents come before their children.
 */
export function descendants(rootPid: number): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const siblings = childrenOf.get(ppid);
    if (siblings) siblings.push(Number(entry));
    else childrenOf.set(ppid, [Number(entry)]);
  }
  const found: number[] = [];
  const queue = [...(childrenOf.get(rootPid) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    found.push(pid);
    queue.push(...(childrenOf.get(pid) ?? []));
  }
  return found;
}

/** Whether a process still runs (a zombie, ended but not yet reaped by its parent, does not). */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/**
 * Ends the processes below `rootPid` (and the root itself with `includeRoot`): the whole tree is
 * taken down at once (parents first, so a supervisor stops restarting before its workers go),
 * with `signal`; whatever still runs after `graceMs` gets SIGKILL. The tree is read before
 * anything is signalled: a process whose parent dies first is re-parented and could no longer be
 * found. Returns how many were signalled.
 */
export async function endProcessTree(
  rootPid: number,
  { signal = "SIGTERM", graceMs = 10_000, includeRoot = false }: { signal?: NodeJS.Signals; graceMs?: number; includeRoot?: boolean } = {},
): Promise<number> {
  const pids = [...(includeRoot ? [rootPid] : []), ...descendants(rootPid)];
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + graceMs;
  while (pids.some(running) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids.filter(running)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return pids.length;
}
