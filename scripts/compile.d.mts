/** Types of scripts/compile.mjs (plain JavaScript: bin/warraq.mjs imports it without a TypeScript loader). */
export declare const EXTERNAL: string[];
export declare function compiledIsFresh(root?: string): boolean;
export declare function compile(root?: string): Promise<{ files: number; inputs: number }>;
