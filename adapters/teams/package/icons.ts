// The app's icons, drawn from geometry so they can be regenerated (`scripts/teams-icons.ts`):
// a white shield with a check mark. Colour: on the accent colour, 192×192. Outline: white on
// transparent, 32×32, as Teams requires.
import type { Rgba } from './png.js';

export const ACCENT = '#2F5D8C';

type Point = readonly [number, number];

/** The shield, in unit coordinates (0..1 across the icon). */
const SHIELD: Point[] = [
  [0.26, 0.24],
  [0.5, 0.15],
  [0.74, 0.24],
  [0.74, 0.5],
  [0.68, 0.64],
  [0.5, 0.83],
  [0.32, 0.64],
  [0.26, 0.5],
];

const CHECK: Point[] = [
  [0.37, 0.5],
  [0.47, 0.61],
  [0.64, 0.39],
];
const CHECK_HALF_WIDTH = 0.045;

function inPolygon(x: number, y: number, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i] as Point;
    const [xj, yj] = polygon[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment(x: number, y: number, a: Point, b: Point): number {
  const [ax, ay] = a;
  const [bx, by] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const onCheck = (x: number, y: number): boolean =>
  CHECK.slice(1).some((p, i) => distanceToSegment(x, y, CHECK[i] as Point, p) <= CHECK_HALF_WIDTH);

const hex = (c: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];

/** Coverage of the white mark in one pixel, from 4×4 samples (smooth edges without a library). */
function coverage(px: number, py: number, size: number): number {
  const n = 4;
  let hits = 0;
  for (let sy = 0; sy < n; sy++) {
    for (let sx = 0; sx < n; sx++) {
      const x = (px + (sx + 0.5) / n) / size;
      const y = (py + (sy + 0.5) / n) / size;
      if (inPolygon(x, y, SHIELD) && !onCheck(x, y)) hits++;
    }
  }
  return hits / (n * n);
}

export function drawColorIcon(size = 192): Rgba {
  const [r, g, b] = hex(ACCENT);
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size);
      const o = (y * size + x) * 4;
      pixels[o] = Math.round(r + (255 - r) * c);
      pixels[o + 1] = Math.round(g + (255 - g) * c);
      pixels[o + 2] = Math.round(b + (255 - b) * c);
      pixels[o + 3] = 255;
    }
  }
  return { width: size, height: size, pixels };
}

export function drawOutlineIcon(size = 32): Rgba {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      pixels[o] = 255;
      pixels[o + 1] = 255;
      pixels[o + 2] = 255;
      pixels[o + 3] = Math.round(255 * coverage(x, y, size));
    }
  }
  return { width: size, height: size, pixels };
}
