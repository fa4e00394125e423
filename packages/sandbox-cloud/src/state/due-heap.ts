/** The min-heap behind the peering lifecycle scheduler. */

/** A min-heap of (due time, peering id, version) for the lifecycle scheduler. */
export class DueHeap {
  private readonly items: { due: number; id: string; version: number }[] = [];
  push(item: { due: number; id: string; version: number }): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((a[parent] as { due: number }).due <= item.due) break;
      a[i] = a[parent] as typeof item;
      i = parent;
    }
    a[i] = item;
  }
  peek(): { due: number; id: string; version: number } | undefined {
    return this.items[0];
  }
  pop(): { due: number; id: string; version: number } | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const dueOf = (k: number): number => (k === i ? last.due : (a[k] as { due: number }).due);
        if (l < a.length && dueOf(l) < dueOf(m)) m = l;
        if (r < a.length && dueOf(r) < dueOf(m)) m = r;
        if (m === i) break;
        a[i] = a[m] as typeof last;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
  clear(): void {
    this.items.length = 0;
  }
}
