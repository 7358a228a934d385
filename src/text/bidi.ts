/**
 * The one bidi-js instance (UAX #9) of a thread. Each `bidiFactory()` call
 * builds the package afresh and decodes its Unicode tables again on first
 * use (≈ 10 ms), so the text layer and the PDF renderer share this one
 * (its functions keep no state between calls).
 */
import bidiFactory from 'bidi-js';

export const bidi = bidiFactory();
