/** Types of scripts/compile.mjs (plain JavaScript: bin/warraq.mjs imports it without a TypeScript loader). */
export declare const EXTERNAL: string[];
/** esbuild's metafile: outputs (paths as esbuild writes them, under the temporary folder `tmp`) and the inputs each holds. */
export interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}
export declare function compile(root?: string, outDir?: string): Promise<{ files: number; inputs: number; metafile: Metafile; tmp: string }>;
