/** How long one turn over the queues may run before the node reads its sockets again. */
const TURN_BUDGET_MS = 10;

export interface FlowControl<K> {
  /** Stop reading from this client: what it sends next waits in the network. */
  pause(client: K): void;
  resume(client: K): void;
}

/**
 * Incoming frames, one queue per client, served in turns: each turn handles one frame of every client
 * that has any, so a client sending thousands of frames delays the others by about one of its frames.
 * A client whose queue reaches `pauseAt` is no longer read until it has drained to half of that, so a
 * flood waits in the client's own socket buffers instead of the node's memory. There is no rate
 * limit: a lone client is served as fast as the node can go.
 */
export class FairQueue<K> {
  #queues = new Map<K, Uint8Array[]>();
  #paused = new Set<K>();
  #handle: (client: K, frame: Uint8Array) => void;
  #flow: FlowControl<K>;
  #pauseAt: number;
  #scheduled = false;
  #stopped = false;

  constructor(
    handle: (client: K, frame: Uint8Array) => void,
    flow: FlowControl<K>,
    pauseAt: number,
  ) {
    this.#handle = handle;
    this.#flow = flow;
    this.#pauseAt = pauseAt;
  }

  push(client: K, frame: Uint8Array): void {
    if (this.#stopped) return;
    let queue = this.#queues.get(client);
    if (!queue) this.#queues.set(client, (queue = []));
    queue.push(frame);
    if (queue.length >= this.#pauseAt && !this.#paused.has(client)) {
      this.#paused.add(client);
      this.#flow.pause(client);
    }
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#turn());
    }
  }

  /** Drops every waiting frame; nothing is handled after this. */
  stop(): void {
    this.#stopped = true;
    this.#queues.clear();
    // A paused client could not even read the node's close frame.
    for (const client of this.#paused) this.#flow.resume(client);
    this.#paused.clear();
  }

  #turn(): void {
    this.#scheduled = false;
    const deadline = performance.now() + TURN_BUDGET_MS;
    while (this.#queues.size > 0 && performance.now() < deadline) {
      for (const [client, queue] of this.#queues) {
        const frame = queue.shift()!;
        if (queue.length === 0) this.#queues.delete(client);
        if (this.#paused.has(client) && queue.length <= this.#pauseAt / 2) {
          this.#paused.delete(client);
          this.#flow.resume(client);
        }
        this.#handle(client, frame);
        if (this.#stopped) return;
      }
    }
    if (this.#queues.size > 0) {
      this.#scheduled = true;
      setImmediate(() => this.#turn());
    }
  }
}
