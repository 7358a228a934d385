// Minimal types for `hyphen` (Liang's patterns, ISC), which ships none: the part warraq uses.
declare module 'hyphen/en-us/index.js' {
  export function hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string;
}
declare module 'hyphen/en-gb/index.js' {
  export function hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string;
}
