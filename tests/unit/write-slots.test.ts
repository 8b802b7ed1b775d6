import { describe, expect, it } from 'vitest';
import { defaultWriteSlots } from '../../server/src/plugins/db';

describe('autosave bulkhead default', () => {
  it('runs three saves per core, at least four, and keeps four pool connections for reads', () => {
    expect(defaultWriteSlots(20, 2)).toBe(6);
    expect(defaultWriteSlots(20, 1)).toBe(4);
    expect(defaultWriteSlots(20, 8)).toBe(16);
    expect(defaultWriteSlots(6, 8)).toBe(2);
    expect(defaultWriteSlots(3, 8)).toBe(1);
  });

  it('does not limit the embedded database, which runs one statement at a time anyway', () => {
    expect(defaultWriteSlots(undefined, 2)).toBe(Number.POSITIVE_INFINITY);
  });
});
