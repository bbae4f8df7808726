/**
 * Makes a call again, up to `retries` more times, when it fails in a way a real client retries
 * (`transient`); any other failure, or the last, is the caller's.
 */
export async function retried<T>(
  call: () => Promise<T>,
  transient: (error: unknown) => boolean,
  retries = 2,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (retries === 0 || !transient(error)) throw error;
    return retried(call, transient, retries - 1);
  }
}
