import type { Page, WebSocketRoute } from '@playwright/test';

/** One outgoing request as the page sent it: `{"req":[id, method, params, ts], "sig":[…]}`. */
export interface SentRequest {
  readonly id: number;
  readonly method: string;
  readonly params: Record<string, unknown>;
}

type Fault =
  | {
      readonly kind: 'lose-answer';
      readonly method: string;
      readonly done: (answer: unknown) => void;
    }
  | {
      readonly kind: 'drop-request';
      readonly method: string;
      readonly done: (answer: unknown) => void;
    }
  | {
      readonly kind: 'cut-after';
      readonly method: string;
      readonly matches: (params: Record<string, unknown>) => boolean;
      readonly done: (answer: unknown) => void;
    };

/** Close code for a connection cut by the test (the app reconnects after any close it did not ask for). */
const CUT = { code: 4010, reason: 'connection cut by the test' };

/** 1005 (no code) and 1006 (abnormal) cannot be sent in a close frame. */
function passOn(
  code: number | undefined,
  reason: string | undefined,
): { code?: number; reason?: string } {
  return code === undefined || code === 1005 || code === 1006 ? {} : { code, reason };
}

function parse(frame: string | Buffer, key: 'req' | 'res'): SentRequest | null {
  try {
    const data: unknown = JSON.parse(frame.toString());
    const tuple = (data as Record<string, unknown> | null)?.[key];
    if (!Array.isArray(tuple) || typeof tuple[0] !== 'number' || typeof tuple[1] !== 'string')
      return null;
    return { id: tuple[0], method: tuple[1], params: (tuple[2] ?? {}) as Record<string, unknown> };
  } catch {
    return null;
  }
}

/**
 * Sits between one page and its ClearNode: every frame is forwarded both ways unless a fault is
 * armed for the next request of a method. A fault cuts the connection (page side and node side) at a
 * known point and then holds new connections until `reconnect()`, so whatever the page shows while
 * the connection is down can be asserted without racing its reconnect loop.
 */
export class NodeLink {
  private fault: Fault | null = null;
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;
  /** Cuts the connection that is open now, if any. */
  private cutCurrent: (() => Promise<void>) | null = null;
  /** Every request that reached the node, in order. */
  readonly forwarded: SentRequest[] = [];
  /** How many connections the page opened (through the link). */
  connections = 0;

  private constructor() {}

  static async between(page: Page, nodeUrl: string): Promise<NodeLink> {
    const link = new NodeLink();
    await page.routeWebSocket(nodeUrl, (ws) => link.connect(ws));
    return link;
  }

  /**
   * The next `method` request reaches the node; its answer is kept from the page and the connection
   * is cut. Resolves with the node's answer (`res` params) once the page side is closed.
   */
  loseAnswerTo(method: string): Promise<unknown> {
    return new Promise((done) => this.arm({ kind: 'lose-answer', method, done }));
  }

  /** The next `method` request never reaches the node; the connection is cut instead. */
  dropRequest(method: string): Promise<unknown> {
    return new Promise((done) => this.arm({ kind: 'drop-request', method, done }));
  }

  /**
   * The next `method` request whose params match reaches the node, and the connection is cut at
   * once: the page hears nothing more (not even the answer) until `reconnect()`. Resolves with the
   * request's params once the page side is closed.
   */
  cutAfter(
    method: string,
    matches: (params: Record<string, unknown>) => boolean = () => true,
  ): Promise<unknown> {
    return new Promise((done) => this.arm({ kind: 'cut-after', method, matches, done }));
  }

  /**
   * Cuts the page's connection now, both sides, and holds new ones until `reconnect()`: the page
   * is offline until the test says otherwise.
   */
  async cut(): Promise<void> {
    if (!this.cutCurrent) throw new Error('The page has no connection to cut');
    await this.cutCurrent();
  }

  /** Lets the page connect again (it does by itself, after its backoff). */
  reconnect(): void {
    this.release?.();
    this.held = null;
    this.release = null;
  }

  /** The requests of `method` that reached the node. */
  sent(method: string): SentRequest[] {
    return this.forwarded.filter((request) => request.method === method);
  }

  private arm(fault: Fault): void {
    if (this.fault) throw new Error(`A fault is already armed for ${this.fault.method}`);
    this.fault = fault;
  }

  private hold(): void {
    if (this.held) return;
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  private async connect(ws: WebSocketRoute): Promise<void> {
    // The page's socket stays "connecting" until this handler returns.
    if (this.held) await this.held;
    this.connections++;
    const server = ws.connectToServer();
    let cut = false;
    let lost: { id: number; done: (answer: unknown) => void } | null = null;

    const cutNow = async () => {
      cut = true;
      this.hold();
      if (this.cutCurrent === cutNow) this.cutCurrent = null;
      await server.close(CUT);
      await ws.close(CUT);
    };
    this.cutCurrent = cutNow;

    ws.onMessage((frame) => {
      if (cut) return;
      const request = parse(frame, 'req');
      const fault = this.fault;
      if (
        request &&
        fault &&
        request.method === fault.method &&
        (fault.kind !== 'cut-after' || fault.matches(request.params))
      ) {
        this.fault = null;
        if (fault.kind === 'cut-after') {
          this.forwarded.push(request);
          server.send(frame);
          void cutNow().then(() => fault.done(request.params));
          return;
        }
        if (fault.kind === 'drop-request') {
          void cutNow().then(() => fault.done(request.params));
          return;
        }
        lost = { id: request.id, done: fault.done };
      }
      if (request) this.forwarded.push(request);
      server.send(frame);
    });
    server.onMessage((frame) => {
      if (cut) return;
      const answer = lost && parse(frame, 'res');
      if (lost && answer && answer.id === lost.id) {
        const { done } = lost;
        void cutNow().then(() => done(answer.params));
        return;
      }
      ws.send(frame);
    });
    // A close from either side is passed on, unless the link cut it itself.
    const closed = () => {
      if (this.cutCurrent === cutNow) this.cutCurrent = null;
    };
    ws.onClose((code, reason) => {
      closed();
      if (!cut) void server.close(passOn(code, reason));
    });
    server.onClose((code, reason) => {
      closed();
      if (!cut) void ws.close(passOn(code, reason));
    });
  }
}
