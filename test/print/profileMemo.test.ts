import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflatedProfile, forgetProfileInMemory, profileMemoBytes, startProfileMemo } from '../../src/print/profileMemo.js';

describe('the compressed output profile, remembered', () => {
  const raw = new Uint8Array(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 251));
  const zlib = new Uint8Array(deflateSync(raw, { level: 6 }));

  it("gives zlib's bytes when made, from memory, and in a new process from what the last build stored", () => {
    startProfileMemo('code-a', undefined);
    expect(deflatedProfile(raw)).toEqual(zlib);
    const stored = profileMemoBytes()?.bytes;
    expect(stored).toBeDefined();

    forgetProfileInMemory();
    startProfileMemo('code-a', stored);
    expect(deflatedProfile(raw)).toEqual(zlib);
    // Found, not made: nothing new to store.
    expect(profileMemoBytes()).toBeUndefined();
  });

  it("ignores another code's memo, and other bytes are compressed afresh", () => {
    startProfileMemo('code-a', undefined);
    deflatedProfile(raw);
    const stored = profileMemoBytes()?.bytes;
    forgetProfileInMemory();
    startProfileMemo('code-b', stored);
    const other = raw.map((b) => b ^ 1);
    expect(deflatedProfile(other)).toEqual(new Uint8Array(deflateSync(other, { level: 6 })));
    expect(deflatedProfile(raw)).toEqual(zlib);
    expect(profileMemoBytes()).toBeDefined();
  });
});
