import { describe, expect, it } from 'vitest';
import { canHoldChild, isInSubtree, unitPath } from './units.ts';

describe('unit tree', () => {
  it('builds paths from the parent path and the id', () => {
    expect(unitPath(null, 1)).toBe('/1/');
    expect(unitPath('/1/', 4)).toBe('/1/4/');
  });

  it('tells a subtree by its path prefix, not by a shared digit', () => {
    expect(isInSubtree('/1/4/9/', '/1/4/')).toBe(true);
    expect(isInSubtree('/1/4/', '/1/4/')).toBe(true);
    expect(isInSubtree('/1/41/', '/1/4/')).toBe(false);
    expect(isInSubtree('/1/5/', '/1/4/')).toBe(false);
  });

  it('keeps the tree city → county/district/zone → park/town', () => {
    expect(canHoldChild('city', 'county')).toBe(true);
    expect(canHoldChild('city', 'park')).toBe(false);
    expect(canHoldChild('county', 'park')).toBe(true);
    expect(canHoldChild('park', 'town')).toBe(false);
    expect(canHoldChild('county', 'city')).toBe(false);
  });
});
