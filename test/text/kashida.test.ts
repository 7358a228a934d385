import { describe, expect, it } from 'vitest';
import { kashidaPriority } from '../../src/text/kashida.js';

describe('kashidaPriority (alreq order)', () => {
  it('ranks a join after seen/sad first', () => {
    expect(kashidaPriority('مسلم', 2)).toBe(1); // مس|لم
    expect(kashidaPriority('نصر', 2)).toBe(1);
  });
  it('then a final teh marbuta, heh or dal', () => {
    expect(kashidaPriority('مدرسة', 4)).toBe(1); // after seen wins when both apply
    expect(kashidaPriority('مدينة', 4)).toBe(2);
    expect(kashidaPriority('حمدة', 3)).toBe(2);
    expect(kashidaPriority('عميد', 3)).toBe(2);
  });
  it('then alef and final tah/lam/kaf/gaf joins', () => {
    expect(kashidaPriority('كتاب', 2)).toBe(3);
    expect(kashidaPriority('عمل', 2)).toBe(3);
  });
  it('then the rest', () => {
    expect(kashidaPriority('كتب', 1)).toBe(4);
  });
  it('refuses where a letter does not join on both sides', () => {
    expect(kashidaPriority('NATO', 2)).toBeUndefined();
    expect(kashidaPriority('2024', 2)).toBeUndefined();
    expect(kashidaPriority('كتب', 0)).toBeUndefined();
  });
  it('skips harakat when looking for the letter before', () => {
    expect(kashidaPriority('سَلام', 2)).toBe(1);
  });
});
