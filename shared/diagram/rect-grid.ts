/** Rectangles in grid buckets, so a test of what a rectangle or point meets looks at its neighbours only. */
import type { Point, Rect } from './geometry';

/** Rectangles in grid buckets, for the tests of what a rectangle or point meets. */
export class RectGrid<T extends Rect = Rect> {
  private readonly buckets = new Map<number, number[]>();
  private readonly items: T[] = [];
  private stamps = new Uint32Array(64);
  private stamp = 0;

  constructor(private readonly cell = 256) {}

  private static key(gx: number, gy: number): number {
    // Coordinates of a diagram fit easily in ±2^20 cells.
    return (gx + 1_048_576) * 2_097_152 + (gy + 1_048_576);
  }

  /** Add `r`, `pad` counting as part of it. */
  add(r: T, pad = 0): void {
    const { cell } = this;
    const index = this.items.push(r) - 1;
    if (index >= this.stamps.length) {
      const grown = new Uint32Array(this.stamps.length * 2);
      grown.set(this.stamps);
      this.stamps = grown;
    }
    for (let gx = Math.floor((r.x - pad) / cell); gx <= Math.floor((r.x + r.width + pad) / cell); gx++) {
      for (let gy = Math.floor((r.y - pad) / cell); gy <= Math.floor((r.y + r.height + pad) / cell); gy++) {
        const key = RectGrid.key(gx, gy);
        const list = this.buckets.get(key);
        if (list) list.push(index);
        else this.buckets.set(key, [index]);
      }
    }
  }

  /** True when `test` holds for one of the rectangles in the buckets that `q` touches (each tested once). */
  some(q: Rect, test: (r: T) => boolean): boolean {
    const { cell } = this;
    const stamp = ++this.stamp;
    for (let gx = Math.floor(q.x / cell); gx <= Math.floor((q.x + q.width) / cell); gx++) {
      for (let gy = Math.floor(q.y / cell); gy <= Math.floor((q.y + q.height) / cell); gy++) {
        const list = this.buckets.get(RectGrid.key(gx, gy));
        if (!list) continue;
        for (const i of list) {
          if (this.stamps[i] === stamp) continue;
          this.stamps[i] = stamp;
          if (test(this.items[i]!)) return true;
        }
      }
    }
    return false;
  }

  /** The rectangles added in the buckets that `q` touches, each once. */
  near(q: Rect): T[] {
    const out: T[] = [];
    this.some(q, (r) => void out.push(r) as unknown as boolean);
    return out;
  }

  /** The rectangles added in the bucket of point `p`. */
  at(p: Point): readonly T[] {
    return (this.buckets.get(RectGrid.key(Math.floor(p.x / this.cell), Math.floor(p.y / this.cell))) ?? []).map((i) => this.items[i]!);
  }
}

/** `r` grown by `by` on every side. */
export function grow(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by };
}

/** True when `a` and `b` overlap (touching is not overlapping). */
export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
