/** Browser APIs jsdom lacks and React Flow measures with (React Flow's testing guide). */

class ResizeObserverShim {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback([{ target, contentRect: { width: 1000, height: 800 } } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}

class DOMMatrixReadOnlyShim {
  readonly m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([\d.]+)\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}

/** Install the shims (idempotent). */
export function installJsdomShims(): void {
  globalThis.ResizeObserver ??= ResizeObserverShim as unknown as typeof ResizeObserver;
  (globalThis as { DOMMatrixReadOnly?: unknown }).DOMMatrixReadOnly ??= DOMMatrixReadOnlyShim;
  // An element measures as the size in pixels its style gives it (React Flow sizes each node's
  // wrapper so), else as the 1000 × 800 pane: measured as the pane, every card would make the
  // fitted view zoom out to where the canvas shows region summaries instead of cards.
  const pixels = (value: string, otherwise: number) => (/^[\d.]+px$/.test(value) ? parseFloat(value) : otherwise);
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: {
      get(this: HTMLElement) {
        return pixels(this.style.height, 800);
      },
      configurable: true,
    },
    offsetWidth: {
      get(this: HTMLElement) {
        return pixels(this.style.width, 1000);
      },
      configurable: true,
    },
  });
  // jsdom lays nothing out, so there is nothing to scroll: confirmations that bring themselves into view still open.
  Element.prototype.scrollIntoView ??= function scrollIntoView() {};
  window.matchMedia ??= ((query: string) =>
    ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList);
}
