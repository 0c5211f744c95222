import type { CDPSession, Page } from '@playwright/test';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Watches one page over CDP: the socket frames it sends and receives, its main-thread time
 * (`TaskDuration`), and its heap after a collection.
 */
export class PageProbe {
  /** Frames the page sent, by method (pings included: they are requests too). */
  sent: string[] = [];
  /** When each of `sent` was sent. */
  sentAt: number[] = [];
  received = 0;
  lastFrameAt = Date.now();

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Network.webSocketFrameSent', (event) => {
      this.lastFrameAt = Date.now();
      this.sent.push(methodOf(event.response.payloadData));
      this.sentAt.push(this.lastFrameAt);
    });
    cdp.on('Network.webSocketFrameReceived', () => {
      this.lastFrameAt = Date.now();
      this.received++;
    });
  }

  static async attach(page: Page): Promise<PageProbe> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Performance.enable');
    return new PageProbe(cdp);
  }

  /** Main-thread time so far (ms). */
  async taskMs(): Promise<number> {
    const { metrics } = await this.cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  }

  /** Resolves once no frame went either way for `quietMs` (and gives up after `maxMs`). */
  async quiet(quietMs = 1200, maxMs = 120_000): Promise<void> {
    const start = Date.now();
    while (Date.now() - this.lastFrameAt < quietMs && Date.now() - start < maxMs) await sleep(50);
  }

  /** Resolves once the page sends `method` after `since`, or after `maxMs`. */
  async sends(method: string, since: number, maxMs = 60_000): Promise<void> {
    const start = Date.now();
    const sentSince = () => this.sent.some((sent, i) => sent === method && this.sentAt[i] >= since);
    while (!sentSince() && Date.now() - start < maxMs) await sleep(20);
  }

  /** Resolves once a frame arrives after `since` (the push), or after `maxMs`. */
  async frameAfter(since: number, maxMs = 10_000): Promise<void> {
    const start = Date.now();
    while (this.lastFrameAt <= since && Date.now() - start < maxMs) await sleep(10);
  }

  /** Used JS heap (bytes) after a full collection. */
  async heapAfterGc(): Promise<number> {
    // Console messages are kept for the inspector (Playwright listens): not the app's memory.
    await this.cdp.send('Runtime.discardConsoleEntries');
    await this.cdp.send('HeapProfiler.collectGarbage');
    await this.cdp.send('HeapProfiler.collectGarbage');
    const usage = (await this.cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  }

  /**
   * Runs `trigger`, waits until the page is quiet again, and says what the page spent: main-thread
   * ms and the requests it sent (pings left out).
   */
  async cost(trigger: () => Promise<void>): Promise<{ ms: number; requests: number }> {
    await this.quiet(600);
    const before = await this.taskMs();
    const sentBefore = this.sent.length;
    const at = Date.now();
    await trigger();
    await this.frameAfter(at);
    await this.quiet();
    const ms = (await this.taskMs()) - before;
    const requests = this.sent.slice(sentBefore).filter((method) => method !== 'ping').length;
    return { ms, requests };
  }
}

function methodOf(payload: string): string {
  try {
    const frame = JSON.parse(payload) as { req?: [number, string] };
    return frame.req?.[1] ?? '?';
  } catch {
    return '?';
  }
}

/**
 * Scrolls the sessions list (a virtual viewport if there is one, else the page) for `frames`
 * animation frames and counts frames that took more than 1.5 × the frame budget.
 */
export async function droppedFramesScrolling(page: Page, frames = 180): Promise<string> {
  const { dropped, total, budget } = await page.evaluate(async (count) => {
    const viewport = document.querySelector('cdk-virtual-scroll-viewport');
    const scroller = (viewport as HTMLElement | null) ?? document.scrollingElement!;
    scroller.scrollTop = 0;
    const step = Math.max(40, (scroller.scrollHeight - scroller.clientHeight) / count);
    const stamps: number[] = [];
    await new Promise<void>((done) => {
      const tick = (time: number) => {
        stamps.push(time);
        scroller.scrollTop += step;
        if (stamps.length > count) done();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const gaps = stamps.slice(1).map((time, i) => time - stamps[i]);
    const sorted = [...gaps].sort((a, b) => a - b);
    const frameBudget = sorted[Math.floor(sorted.length / 2)];
    return {
      dropped: gaps.filter((gap) => gap > 1.5 * Math.max(frameBudget, 1000 / 60)).length,
      total: gaps.length,
      budget: frameBudget,
    };
  }, frames);
  return `${dropped}/${total} (frame ${budget.toFixed(1)} ms)`;
}
