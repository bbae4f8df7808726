/**
 * A module fetched when first asked for instead of with the page. Every caller shares one
 * promise, so they are served in the order they asked; a failed fetch is tried again on the
 * next call.
 */
export function lazyModule<Module>(load: () => Promise<Module>): () => Promise<Module> {
  let loading: Promise<Module> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
