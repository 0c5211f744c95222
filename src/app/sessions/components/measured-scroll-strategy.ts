import type { CdkVirtualScrollViewport, VirtualScrollStrategy } from '@angular/cdk/scrolling';
import { signal } from '@angular/core';
import { Subject, distinctUntilChanged } from 'rxjs';

/** The attribute each rendered item carries: its index in the whole list. */
export const VIRTUAL_INDEX_ATTRIBUTE = 'data-virtual-index';

/**
 * A virtual-scroll strategy for items of different heights (a session with many participants, a
 * message of many lines): unmeasured items count at an estimate, rendered ones at their measured
 * height, so the rendered window and the scroll height follow what is really on screen. The CDK's
 * fixed-size strategy would make rows jump whenever one is taller than the rest.
 */
export class MeasuredScrollStrategy implements VirtualScrollStrategy {
  private readonly index = new Subject<number>();
  readonly scrolledIndexChange = this.index.pipe(distinctUntilChanged());
  /** The height of all items plus what surrounds them (a table's caption and header), in px. */
  readonly contentSize = signal(0);

  private viewport: CdkVirtualScrollViewport | null = null;
  private heights: number[] = [];
  /** What the rendered content holds besides the items: a table's caption and header row. */
  private extra = 0;

  /**
   * @param estimate px for an item not rendered yet
   * @param bufferPx how far beyond each edge of the viewport items are rendered
   */
  constructor(
    private readonly estimate: number,
    private readonly bufferPx: number,
  ) {}

  attach(viewport: CdkVirtualScrollViewport): void {
    this.viewport = viewport;
    this.onDataLengthChanged();
  }

  detach(): void {
    this.viewport = null;
    this.index.complete();
  }

  onContentScrolled(): void {
    this.update();
  }

  onDataLengthChanged(): void {
    const length = this.viewport?.getDataLength() ?? 0;
    if (length < this.heights.length) this.heights.length = length;
    while (this.heights.length < length) this.heights.push(this.estimate);
    this.update();
  }

  onContentRendered(): void {
    if (this.measure()) this.update();
  }

  onRenderedOffsetChanged(): void {
    // The offset is set by update() itself; nothing to correct.
  }

  scrollToIndex(index: number, behavior: ScrollBehavior): void {
    this.viewport?.scrollToOffset(this.extra + this.offsetOf(index), behavior);
  }

  /** Measures what is rendered again, e.g. after the items' content changed in place. */
  remeasure(): void {
    if (this.measure()) this.update();
  }

  private offsetOf(index: number): number {
    let offset = 0;
    for (let i = 0; i < index; i++) offset += this.heights[i];
    return offset;
  }

  /** Reads the rendered items' heights; whether anything differs from what was assumed. */
  private measure(): boolean {
    const viewport = this.viewport;
    if (!viewport) return false;
    const items = (viewport.elementRef.nativeElement as HTMLElement).querySelectorAll<HTMLElement>(
      `[${VIRTUAL_INDEX_ATTRIBUTE}]`,
    );
    let changed = false;
    let itemsHeight = 0;
    for (const item of items) {
      const index = Number(item.getAttribute(VIRTUAL_INDEX_ATTRIBUTE));
      const height = item.getBoundingClientRect().height;
      itemsHeight += height;
      if (
        index < this.heights.length &&
        height > 0 &&
        Math.abs(this.heights[index] - height) > 0.5
      ) {
        this.heights[index] = height;
        changed = true;
      }
    }
    if (items.length > 0) {
      const extra = Math.max(0, viewport.measureRenderedContentSize() - itemsHeight);
      if (Math.abs(extra - this.extra) > 0.5) {
        this.extra = extra;
        changed = true;
      }
    }
    return changed;
  }

  private update(): void {
    const viewport = this.viewport;
    if (!viewport) return;
    const length = viewport.getDataLength();
    const total = this.extra + this.offsetOf(length);
    viewport.setTotalContentSize(total);
    this.contentSize.set(total);

    const top = viewport.measureScrollOffset() - this.extra;
    const bottom = top + viewport.getViewportSize();
    let start = 0;
    let offset = 0;
    while (start < length - 1 && offset + this.heights[start] < top - this.bufferPx) {
      offset += this.heights[start];
      start++;
    }
    let end = start;
    let reach = offset;
    while (end < length && reach < bottom + this.bufferPx) {
      reach += this.heights[end];
      end++;
    }
    viewport.setRenderedRange({ start, end });
    viewport.setRenderedContentOffset(offset);

    let first = start;
    let firstEnd = offset + (this.heights[start] ?? 0);
    while (first < length - 1 && firstEnd <= top) firstEnd += this.heights[++first];
    this.index.next(first);
  }
}
