/** Types of scripts/fresh.mjs (plain JavaScript: bin/warraq.mjs imports it without a TypeScript loader). */
export declare const INPUTS_VERSION: number;
export declare function mtimeOf(root: string, rel: string): number | null;
export declare function compiledIsFresh(root?: string): boolean;
export declare const COMPILED_V8_FLAGS: readonly string[];
