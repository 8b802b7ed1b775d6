import { describe, expect, it } from 'vitest';
import { defaultWriteSlots, writeSlotsWithReads } from '../../server/src/plugins/db';

describe('autosave bulkhead', () => {
  it('gives saves one statement per core by default (at least two), within the pool but four', () => {
    expect(defaultWriteSlots(20, 2)).toBe(2);
    expect(defaultWriteSlots(20, 1)).toBe(2);
    expect(defaultWriteSlots(20, 8)).toBe(8);
    expect(defaultWriteSlots(20, 64)).toBe(16);
    expect(defaultWriteSlots(5, 8)).toBe(1);
    // The embedded database runs one statement at a time anyway.
    expect(defaultWriteSlots(undefined)).toBe(Number.POSITIVE_INFINITY);
  });

  it('takes two slots from saves for each read in flight, down to two per core', () => {
    expect(writeSlotsWithReads(16, 0, 2)).toBe(16);
    expect(writeSlotsWithReads(16, 1, 2)).toBe(14);
    expect(writeSlotsWithReads(16, 5, 2)).toBe(6);
    expect(writeSlotsWithReads(16, 10, 2)).toBe(4);
    expect(writeSlotsWithReads(16, 10, 8)).toBe(16);
    // Never more than configured, even with many cores.
    expect(writeSlotsWithReads(3, 10, 8)).toBe(3);
    expect(writeSlotsWithReads(Number.POSITIVE_INFINITY, 10, 2)).toBe(Number.POSITIVE_INFINITY);
  });
});
