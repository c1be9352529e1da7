/** URL state: parse/format round trips (fast-check) and packed objects. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { formatHash, parseHash, VIEWS } from './url-state.js';

describe('url-state', () => {
  it('round-trips any view and parameters through the hash', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VIEWS), fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== '__proto__'), fc.string({ minLength: 1, maxLength: 20 })), (view, params) => {
        const back = parseHash(formatHash({ view, params }));
        expect(back.view).toBe(view);
        expect(back.params).toEqual(params);
      }),
    );
  });

  it('sorts parameters so equal states give equal links', () => {
    expect(formatHash({ view: 'train', params: { b: '2', a: '1' } })).toBe('#/train?a=1&b=2');
    expect(formatHash({ view: 'chips', params: {} })).toBe('#/chips');
  });

  it('falls back to the chips view for an unknown one', () => {
    expect(parseHash('#/nope?x=1')).toEqual({ view: 'chips', params: { x: '1' } });
    expect(parseHash('')).toEqual({ view: 'chips', params: {} });
  });

  it('carries lz-string packed JSON intact', () => {
    const obj = { name: 'My chip', bf16: '148', note: 'a&b=c?#' };
    const hash = formatHash({ view: 'chips', params: { custom: compressToEncodedURIComponent(JSON.stringify(obj)) } });
    expect(parseHash(hash).params.custom).toBe(compressToEncodedURIComponent(JSON.stringify(obj)));
  });
});
