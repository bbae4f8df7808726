import { readdirSync, readFileSync } from "node:fs";

const ticksPerSecond = 100; // USER_HZ on Linux

/** The processes of a process group (a server and anything it forked), from /proc. */
function groupPids(group: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        // Fields after the command name (which may hold spaces): state, ppid, pgrp, ...
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        return Number(fields[2]) === group ? [Number(pid)] : [];
      } catch {
        return []; // exited meanwhile
      }
    });
}

/** User + system CPU seconds a process group has used so far. */
export function groupCpuSeconds(group: number): number {
  let ticks = 0;
  for (const pid of groupPids(group)) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // exited meanwhile
    }
  }
  return ticks / ticksPerSecond;
}

/** Resident memory of a process group, in MiB. */
export function groupRssMiB(group: number): number {
  let kib = 0;
  for (const pid of groupPids(group)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kib += Number(match?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return kib / 1024;
}

/** Resident memory of one process split into anonymous (heaps, malloc) and file-backed (code), in MiB. */
export function residentParts(pid: number): { anonymousMiB: number; fileMiB: number } | undefined {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(rollup)?.[1] ?? 0);
    return { anonymousMiB: kib("Anonymous") / 1024, fileMiB: (kib("Rss") - kib("Anonymous")) / 1024 };
  } catch {
    return undefined; // exited, or a kernel without smaps_rollup
  }
}
