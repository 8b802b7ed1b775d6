import { describe, expect, it } from 'vitest';
import { UserGate } from '../../server/src/lib/user-gate';

describe('UserGate', () => {
  it('lets each user hold at most max at once, and frees a place exactly once per release', () => {
    const gate = new UserGate(2, 'raw exports');
    const a1 = gate.enter(1);
    gate.enter(1);
    expect(() => gate.enter(1)).toThrow(/already have 2 raw exports in progress/);
    // Another user is not affected.
    expect(() => gate.enter(2)).not.toThrow();
    a1();
    a1(); // a second release of the same place frees nothing more
    gate.enter(1);
    expect(() => gate.enter(1)).toThrow(/in progress/);
  });
});
