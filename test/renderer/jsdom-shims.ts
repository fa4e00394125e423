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
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: { get: () => 800, configurable: true },
    offsetWidth: { get: () => 1000, configurable: true },
  });
  // jsdom lays nothing out, so there is nothing to scroll: confirmations that bring themselves into view still open.
  Element.prototype.scrollIntoView ??= function scrollIntoView() {};
  window.matchMedia ??= ((query: string) =>
    ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList);
}
