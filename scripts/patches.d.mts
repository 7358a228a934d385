/** Types of scripts/patches.mjs (plain JavaScript, run by scripts/compile.mjs). */
export declare function addedLines(patchText: string): Map<string, string[]>;
export declare function unappliedPatches(root: string): Array<{ patch: string; file: string }>;
export declare function checkPatchesApplied(root: string): void;
