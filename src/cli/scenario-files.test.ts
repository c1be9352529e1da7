import { describe, expect, it } from 'vitest';
import { svgToPng } from './scenario-files.js';

describe('svgToPng (resvg, no browser)', () => {
  it('renders each SVG to a PNG at twice its size', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="60" height="40" fill="#234"/><text x="64" y="24" font-size="12">days</text></svg>';
    const pngs = await svgToPng([svg, svg]);
    expect(pngs).not.toBeNull();
    expect(pngs!.length).toBe(2);
    const png = Buffer.from(pngs![0]);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // IHDR: width and height (big-endian) at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([240, 80]);
  });
});
