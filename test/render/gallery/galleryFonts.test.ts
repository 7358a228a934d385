import { describe, expect, it } from 'vitest';
import { pageChars, webFont } from '../../../src/render/gallery/galleryFonts.js';
import { font } from '../../support/fonts.js';

describe("the gallery's font files", () => {
  const bytes = (page: string) => Buffer.from(webFont(font('fonts/Amiri-Regular.ttf'), pageChars(page))).toString('base64');

  it('keep a character the text shows through a reference («&#x27;» is «\'»), whatever else the page writes', () => {
    expect(bytes('<p>it&#x27;s</p>')).toBe(bytes("<p>it&#x27;s</p>'"));
    expect(bytes('<p>&quot;a&amp;b&quot;</p>')).toBe(bytes('<p>&quot;a&amp;b&quot;</p>"&'));
    expect(bytes('<p>&#1576;</p>')).toBe(bytes('<p>&#1576;</p>ب'));
    expect(bytes('<p>its</p>')).not.toBe(bytes("<p>its</p>'"));
  });
});
