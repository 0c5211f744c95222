import { SigningKey, computeAddress, keccak256, toUtf8Bytes } from 'ethers';

/** A WebSocket the test drives: it records what the app sends and delivers what the test says. */
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  readyState = FakeWebSocket.CONNECTING;
  readonly sent: string[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(data);
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.(new CloseEvent('close', { code, reason }));
  }

  // Test side.
  open(): void {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.(new Event('open'));
  }

  receive(raw: string): void {
    this.onmessage?.(new MessageEvent('message', { data: raw }));
  }

  /** The server drops the line (1006: no close frame). */
  drop(): void {
    this.close(1006, '');
  }

  /** The `req` arrays sent so far. */
  requests(): [number, string, Record<string, unknown>, number][] {
    return this.sent.map((raw) => JSON.parse(raw).req);
  }

  lastRequest(): [number, string, Record<string, unknown>, number] {
    const all = this.requests();
    return all[all.length - 1];
  }
}

/** Signs frames as a broker does: keccak256 of the exact `res` text. */
export class FakeBroker {
  private readonly key: SigningKey;
  readonly address: string;

  constructor(privateKey = '0x' + '42'.repeat(32)) {
    this.key = new SigningKey(privateKey);
    this.address = computeAddress(this.key.publicKey);
  }

  frame(id: number, method: string, params: unknown): string {
    const res = JSON.stringify([id, method, params, Date.now()]);
    return `{"res":${res},"sig":["${this.key.sign(keccak256(toUtf8Bytes(res))).serialized}"]}`;
  }

  config(id: number): string {
    return this.frame(id, 'get_config', { broker_address: this.address, networks: [] });
  }
}
