/**
 * Ends the process with exit code 1 on an exception nothing caught. `next start` only logs those
 * and serves on in a state nobody planned for; exiting lets the supervisor (systemd's
 * Restart=on-failure, a container's restart policy: docs/limits.md) start a clean process. A
 * heap exhausted past --max-old-space-size already aborts the process (exit code 134).
 */
export function exitOnFatalErrors(log: (line: string) => void = (line) => console.error(line)): void {
  process.on("uncaughtException", (error) => {
    log(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    // After the line is out; exitCode alone would wait for open sockets that never close.
    setImmediate(() => process.exit(1));
  });
}
