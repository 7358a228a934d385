/**
 * Colours as the theme writes them (`#rrggbb`, or `#rgb`): read once here
 * for every template and renderer.
 */

/** `#rgb` / `#rrggbb` → [r, g, b] in 0–255. Throws a RangeError on anything else. */
export function parseHex(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (m === null) throw new RangeError(`not a hex colour: ${JSON.stringify(hex)} (want #rrggbb or #rgb)`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** `a` over `b` at `amount` (0–1), as #rrggbb. */
export function mixHex(a: string, b: string, amount: number): string {
  const [x, y] = [parseHex(a), parseHex(b)];
  return '#' + x.map((v, i) => Math.round(v * amount + y[i] * (1 - amount)).toString(16).padStart(2, '0')).join('');
}
