/**
 * A module loaded on its first use and held after: `loadOnce(() => import('…'))`.
 *
 * An `import()` of a module that is already loaded still resolves its
 * specifier again, and under tsx (the watch session, `npm run bench`, the
 * tests) each resolution is a request to the loader's hooks thread that the
 * asking thread waits for. A render job asked its kind's modules on every
 * job: ≈ 20 such waits per one-point edit in a watch session's main thread,
 * ≈ 40 ms of its time at load 13 (docs/performance.md, "The watch
 * session"). The compiled command resolves a chunk natively, so
 * there it only saves a lookup. A failed load is not held: the next use
 * tries again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((e: unknown) => {
      loading = undefined;
      throw e;
    }));
}
