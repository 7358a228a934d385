/**
 * What one job made that a later job in the same thread takes instead of
 * making it again (a press file's loaded document for its imposition:
 * src/print/loadedPress.ts; the leaflets' drawing for the second file drawn
 * from it: src/jobs/kinds/pdf.ts `leafletsDrawing`). Kept by what it is, taken
 * out by the job that uses it, so nothing stays held once used; at most
 * `limit` (the latest), as the job that would take one may run in another
 * thread, and each holds a whole file's objects.
 */
interface HandOver<T> {
  /** Keeps `value` under `id` (the latest of the kept). */
  keep(id: string, value: T): void;
  /** The value kept under `id`, taken out; undefined when none is. */
  take(id: string): T | undefined;
  /** Forgets what `id` holds if it is still `value` (one that failed). */
  drop(id: string, value: T): void;
}

export function handOver<T>(limit: number): HandOver<T> {
  const kept = new Map<string, T>();
  return {
    keep(id, value) {
      kept.delete(id);
      kept.set(id, value);
      while (kept.size > limit) kept.delete(kept.keys().next().value!);
    },
    take(id) {
      const value = kept.get(id);
      kept.delete(id);
      return value;
    },
    drop(id, value) {
      if (kept.get(id) === value) kept.delete(id);
    },
  };
}
