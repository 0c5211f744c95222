import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { BehaviorSubject, Observable, Subject } from 'rxjs';
import { SessionKeySigner } from '../auth/session-key-signer';
import { SessionKeyReplacedError, isReplacedKeyRefusal } from '../auth/session-key-replaced';
import { checksumAddress } from '../../shared/money/address';
import { backoffDelay } from './backoff';
import { isSignedByBroker } from './broker-signature';
import { IDLE_CONNECTION, type ConnectionEvent, type ConnectionStatus } from './connection-status';
import { PendingRequests } from './pending-requests';
import { isV1Address, isV1Frame, silentNodeMessage, v1NodeMessage } from './protocol-version';
import {
  BrokerSignatureError,
  ClearNodeConnectionError,
  ClearNodeTimeoutError,
  errorTextOf,
  isRecord,
  parseIncomingFrame,
  type RelayedMessage,
  type RpcPush,
  type RpcRequest,
  type RpcResult,
} from './rpc-frame';
import { WEB_SOCKET_FACTORY } from './web-socket-factory.token';

export interface RequestOptions {
  /** Sign with the session key (every private method). */
  readonly signed?: boolean;
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const PING_EVERY_MS = 20_000;
const PING_TIMEOUT_MS = 8_000;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The one WebSocket to the ClearNode in this tab: correlates answers by request id, checks the
 * broker's signature on every frame, keeps the line alive with `ping`, and reconnects with
 * backoff until told to stop.
 */
@Injectable({ providedIn: 'root' })
export class ClearNodeClient {
  private readonly openSocket = inject(WEB_SOCKET_FACTORY);
  private readonly sessionKey = inject(SessionKeySigner);

  private readonly current = signal<ConnectionStatus>(IDLE_CONNECTION);
  /** Where the connection stands, for templates. */
  readonly status = this.current.asReadonly();
  private readonly statusSubject = new BehaviorSubject<ConnectionStatus>(IDLE_CONNECTION);
  /** The same, for effects: synchronous, so the store knows the node is online before `connected`. */
  readonly status$: Observable<ConnectionStatus> = this.statusSubject.asObservable();
  private readonly state = {
    get: () => this.current(),
    set: (status: ConnectionStatus) => {
      this.current.set(status);
      this.statusSubject.next(status);
    },
    update: (change: (status: ConnectionStatus) => ConnectionStatus) =>
      this.state.set(change(this.current())),
  };

  private readonly events = new Subject<ConnectionEvent>();
  readonly events$: Observable<ConnectionEvent> = this.events.asObservable();
  private readonly pushes = new Subject<RpcPush>();
  /** Notifications (id 0 frames), broker-verified. */
  readonly pushes$: Observable<RpcPush> = this.pushes.asObservable();
  private readonly relayed = new Subject<RelayedMessage>();
  /** Participants' signed frames relayed by the node (frames with `sid`); receivers check signatures. */
  readonly relayedMessages$: Observable<RelayedMessage> = this.relayed.asObservable();
  private readonly authRefusals = new Subject<string>();
  /** The node answered a private method with "not signed in" (its session was dropped). */
  readonly authRefused$: Observable<string> = this.authRefusals.asObservable();
  private readonly keyRefusals = new Subject<string>();
  /** The node refused a request signed with our session key as unknown: a sign-in elsewhere replaced it. */
  readonly keyRefused$: Observable<string> = this.keyRefusals.asObservable();

  private socket: WebSocket | null = null;
  private pending = new PendingRequests();
  private nextId = Math.floor(Math.random() * 1_000_000) + 1;
  private broker: string | null = null;
  /** Id of the get_config that opens each connection; its answer is checked against itself. */
  private handshakeId: number | null = null;
  /** Frames that arrive before the broker address is known (the `assets` push on connect). */
  private early: string[] = [];
  /** Why the app closed a socket itself, in words for people, when the close code cannot say it. */
  private readonly closedBecause = new WeakMap<WebSocket, string>();
  private hasBeenOnline = false;
  private stopped = true;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  /** Broker address seen per URL in this tab: a node that changes key is refused. */
  private readonly knownBrokers = new Map<string, string>();

  constructor() {
    // The socket, its ping and a pending reconnect must not outlive the app (or a test).
    inject(DestroyRef).onDestroy(() => this.shutdown());
  }

  /** Connects to `url`, leaving any other node. Does nothing when already on that node. */
  connect(url: string): void {
    const current = this.state.get();
    if (current.url === url && !this.stopped && current.phase !== 'offline') return;
    this.shutdown();
    this.stopped = false;
    this.hasBeenOnline = false;
    this.state.set({ ...IDLE_CONNECTION, url, phase: 'connecting' });
    this.open(url);
  }

  /** Drops the socket and opens a fresh one now (e.g. another wallet must authenticate). */
  restart(): void {
    const url = this.state.get().url;
    if (!url) return;
    this.shutdown();
    this.stopped = false;
    this.state.update((s) => ({
      ...s,
      phase: 'connecting',
      attempt: 0,
      retryAt: null,
      error: null,
    }));
    this.open(url);
  }

  /** Skips the backoff wait. */
  retryNow(): void {
    const { url, phase } = this.state.get();
    if (!url || phase === 'online' || phase === 'connecting') return;
    this.clearRetry();
    this.stopped = false;
    this.state.update((s) => ({ ...s, phase: 'connecting', retryAt: null }));
    this.open(url);
  }

  disconnect(): void {
    this.shutdown();
    this.state.set(IDLE_CONNECTION);
  }

  buildRequest(method: string, params: Record<string, unknown>): RpcRequest {
    const id = this.nextId++;
    return [id, method, params, Date.now()] as const;
  }

  /** Sends one request and resolves with the result params of the answer with the same id. */
  async request<T>(
    method: string,
    params: Record<string, unknown> = {},
    options: RequestOptions = {},
  ): Promise<T> {
    const req = this.buildRequest(method, params);
    const signatures = options.signed ? [await this.sessionKey.signRequest(req)] : [];
    const result = await this.send(req, signatures, {}, options.timeoutMs);
    return result.params as T;
  }

  /** Sends a prepared request with the given signatures (multi-party and app messages). */
  send(
    req: RpcRequest,
    signatures: string[],
    extra: { sid?: string } = {},
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<RpcResult> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new ClearNodeConnectionError(this.notConnectedMessage(), false));
    }
    const answer = this.pending.expect(req[0], req[1], timeoutMs);
    const frame = extra.sid ? { req, sig: signatures, sid: extra.sid } : { req, sig: signatures };
    socket.send(JSON.stringify(frame));
    return answer;
  }

  private open(url: string): void {
    if (isV1Address(url)) {
      // Known by its address: no socket, no handshake that could only time out.
      this.unsupported(url, v1NodeMessage(url));
      return;
    }
    let socket: WebSocket;
    try {
      socket = this.openSocket(url);
    } catch (error) {
      this.onClosed(null, `Cannot open ${url}: ${messageOf(error)}`);
      return;
    }
    this.socket = socket;
    this.broker = null;
    this.early = [];
    const openTimeout = setTimeout(
      () => socket.readyState !== WebSocket.OPEN && socket.close(),
      CONNECT_TIMEOUT_MS,
    );
    socket.onopen = () => {
      clearTimeout(openTimeout);
      void this.handshake(socket, url);
    };
    socket.onmessage = (event: MessageEvent) => {
      if (socket === this.socket && typeof event.data === 'string') this.onFrame(event.data);
    };
    socket.onerror = () => undefined; // onclose follows with the details that matter
    socket.onclose = (event: CloseEvent) => {
      clearTimeout(openTimeout);
      if (socket === this.socket)
        this.onClosed(socket, this.closedBecause.get(socket) ?? closeReason(event, url));
    };
  }

  /** Learns the broker from get_config (whose own signature must match) before going online. */
  private async handshake(socket: WebSocket, url: string): Promise<void> {
    try {
      const req = this.buildRequest('get_config', {});
      const answer = this.pending.expect(req[0], req[1], DEFAULT_TIMEOUT_MS);
      this.handshakeId = req[0];
      socket.send(JSON.stringify({ req, sig: [] }));
      const config = (await answer).params;
      if (socket !== this.socket) return;
      const broker = checksumAddress(String(isRecord(config) ? config['broker_address'] : ''));
      const known = this.knownBrokers.get(url);
      if (known && known !== broker) {
        this.refuse(
          `The ClearNode at ${url} now signs as ${broker}, not ${known} as before. The app does not trust it; reload the page if the node was reset on purpose.`,
        );
        return;
      }
      this.knownBrokers.set(url, broker);
      this.broker = broker;
      const reconnected = this.hasBeenOnline;
      this.hasBeenOnline = true;
      this.state.update((s) => ({
        ...s,
        phase: 'online',
        attempt: 0,
        retryAt: null,
        brokerAddress: broker,
        error: null,
      }));
      this.startPing(socket);
      const early = this.early;
      this.early = [];
      this.events.next({
        type: reconnected ? 'reconnected' : 'connected',
        url,
        brokerAddress: broker,
      });
      for (const raw of early) this.onFrame(raw);
    } catch (error) {
      if (socket !== this.socket) return;
      if (error instanceof BrokerSignatureError) this.refuse(error.message);
      else {
        // Silence after the socket opened: a busy node, or one of another protocol that ignores us.
        if (error instanceof ClearNodeTimeoutError)
          this.closedBecause.set(socket, silentNodeMessage(url, error.timeoutMs));
        socket.close(4000, 'handshake failed');
      }
    } finally {
      this.handshakeId = null;
    }
  }

  private onFrame(raw: string): void {
    if (isV1Frame(raw)) {
      // A v1 node answers v0.5 in its own shape: say so now rather than wait for a timeout.
      this.unsupported(this.state.get().url ?? '', v1NodeMessage(this.state.get().url ?? ''));
      return;
    }
    const frame = parseIncomingFrame(raw);
    if (frame.kind === 'invalid') {
      console.warn(`Ignored a ClearNode frame (${frame.reason}).`);
      return;
    }
    if (frame.kind === 'relayed') {
      this.relayed.next(frame.message);
      return;
    }
    if (this.broker === null && frame.id !== this.handshakeId) {
      this.early.push(raw);
      return;
    }
    const expected = this.broker ?? claimedBroker(frame.params);
    if (!expected || !isSignedByBroker(frame.signedText, frame.sig, expected)) {
      const error = new BrokerSignatureError(
        `The ClearNode's answer to ${frame.method} is not signed by its broker${expected ? ` ${expected}` : ''}. The app does not trust this node.`,
      );
      this.pending.fail(frame.id, error);
      this.refuse(error.message);
      return;
    }
    if (frame.id === 0) {
      this.pushes.next({ method: frame.method, params: frame.params, raw });
      return;
    }
    const { id, method, params, timestamp } = frame;
    if (method === 'error' && isAuthRefusal(errorTextOf(params)))
      this.authRefusals.next(errorTextOf(params));
    if (
      method === 'error' &&
      isReplacedKeyRefusal(errorTextOf(params), this.sessionKey.lastAddress, this.sessionKey.wallet)
    ) {
      // The caller gets the plain reason, never the node's text about an unknown participant.
      this.pending.fail(id, new SessionKeyReplacedError());
      this.keyRefusals.next(errorTextOf(params));
      return;
    }
    this.pending.settle({ id, method, params, timestamp });
  }

  private startPing(socket: WebSocket): void {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (socket !== this.socket) return;
      this.request('ping', {}, { timeoutMs: PING_TIMEOUT_MS }).catch(() => {
        // A silent line is a dead line: close it and let the reconnect loop take over.
        if (socket === this.socket) socket.close(4001, 'ping timeout');
      });
    }, PING_EVERY_MS);
  }

  private onClosed(socket: WebSocket | null, reason: string): void {
    if (socket && socket !== this.socket) return;
    this.socket = null;
    this.stopPing();
    this.pending.failAll(
      new ClearNodeConnectionError(`The connection to the ClearNode closed (${reason}).`),
    );
    const url = this.state.get().url;
    if (this.stopped || !url) return;
    const wasOnline = this.state.get().phase === 'online';
    const attempt = this.state.get().attempt + 1;
    const delay = backoffDelay(attempt);
    this.state.update((s) => ({
      ...s,
      phase: 'reconnecting',
      attempt,
      retryAt: Date.now() + delay,
      error: reason,
    }));
    if (wasOnline) this.events.next({ type: 'lost', url, error: reason });
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.state.update((s) => ({ ...s, phase: 'connecting', retryAt: null }));
      this.open(url);
    }, delay);
  }

  /** Stops talking to a node that cannot be trusted; only the person can retry. */
  private refuse(message: string): void {
    const url = this.state.get().url ?? '';
    this.shutdown();
    this.state.update((s) => ({ ...s, phase: 'offline', retryAt: null, error: message }));
    this.events.next({ type: 'refused', url, error: message });
  }

  /** Stops talking to a node that speaks another protocol; retrying cannot help by itself. */
  private unsupported(url: string, message: string): void {
    this.shutdown();
    this.state.update((s) => ({ ...s, phase: 'offline', retryAt: null, error: message }));
    this.events.next({ type: 'unsupported', url, error: message });
  }

  private shutdown(): void {
    this.stopped = true;
    this.clearRetry();
    this.stopPing();
    const socket = this.socket;
    this.socket = null;
    this.broker = null;
    this.pending.failAll(
      new ClearNodeConnectionError('The connection to the ClearNode was closed by the app.'),
    );
    this.pending = new PendingRequests();
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close(1000, 'closed by the app');
    }
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private notConnectedMessage(): string {
    const { phase, url } = this.state.get();
    if (!url) return 'No ClearNode selected.';
    return phase === 'reconnecting' || phase === 'connecting'
      ? `Not connected to the ClearNode yet (${url}); the app is connecting.`
      : `Not connected to the ClearNode (${url}).`;
  }
}

/** The node's texts for a private method called without a live sign-in. */
export function isAuthRefusal(text: string): boolean {
  return text === 'authentication required' || text.startsWith('session expired');
}

function claimedBroker(params: unknown): string | null {
  return isRecord(params) && typeof params['broker_address'] === 'string'
    ? params['broker_address']
    : null;
}

function closeReason(event: CloseEvent, url: string): string {
  if (event.code === 1006) return `cannot reach ${url}`;
  return event.reason ? `${event.reason}, code ${event.code}` : `code ${event.code}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
