/** Waits for `url` to answer 2xx, as a server that was just spawned starts to (polling every 250 ms). */
export async function waitUntilAnswering(url: string, timeoutMs = 60_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const answered = await fetch(url).then(
      (response) => response.ok,
      () => false, // Not listening yet.
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
