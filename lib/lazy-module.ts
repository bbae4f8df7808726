/** A module fetched when first asked for instead of with the page. */
export type LazyModule<Module> = {
  /**
   * The module, fetched on the first call. Every caller shares one promise, so they are served
   * in the order they asked; a failed fetch is tried again on the next call.
   */
  load(): Promise<Module>;
  /** The module once fetched, for code that must not wait: undefined until then. */
  loaded(): Module | undefined;
};

export function lazyModule<Module>(fetchModule: () => Promise<Module>): LazyModule<Module> {
  let loading: Promise<Module> | undefined;
  let fetched: Module | undefined;
  return {
    load() {
      loading ??= fetchModule().then(
        (module) => (fetched = module),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    loaded: () => fetched,
  };
}
