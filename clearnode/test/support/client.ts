import WebSocket from 'ws';
import {
  parseAnyRPCResponse,
  createAuthRequestMessage,
  createEIP712AuthMessageSigner,
  createAuthVerifyMessage,
  createAuthVerifyMessageWithJWT,
  createECDSAMessageSigner,
  parseAuthChallengeResponse,
  RPCMethod,
  type MessageSigner,
  type RPCResponse,
  type ExtractResponseByMethod,
} from '@erc7824/nitrolite';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { createWalletClient, custom, type Hex } from 'viem';

/** A raw frame received from the node, with its JSON. */
export interface Frame {
  raw: string;
  json: { res?: [number, string, unknown, number]; req?: unknown[]; sig?: string[]; sid?: string };
}

/** The SDK-parsed params of a response, checked to be of the expected method. */
export type ParamsOf<M extends RPCMethod> = ExtractResponseByMethod<M>['params'];

export function paramsOf<M extends RPCMethod>(frame: Frame, method: M): ParamsOf<M> {
  const response = parseAnyRPCResponse(frame.raw);
  if (response.method !== method) throw new Error(`expected ${method}, got ${frame.raw}`);
  return response.params as ParamsOf<M>;
}

/** `asu` as the SDK parses it (its own types declare this parser as returning never). */
export interface AppSessionUpdate {
  appSessionId: string;
  application: string;
  status: string;
  participants: string[];
  sessionData?: string;
  protocol: string;
  version: number;
  participantAllocations: { participant: string; asset: string; amount: string }[];
}

export function appSessionUpdateOf(frame: Frame): AppSessionUpdate {
  // The SDK's response union has no asu member, so the method is checked on the raw frame.
  if (frame.json.res?.[1] !== RPCMethod.AppSessionUpdate)
    throw new Error(`expected asu, got ${frame.raw}`);
  return parseAnyRPCResponse(frame.raw).params as unknown as AppSessionUpdate;
}

const DEFAULT_TIMEOUT_MS = 3000;
let nextRequestId = 1;
export const requestId = () => nextRequestId++;

/** A test WebSocket client: records every frame, waits for frames with a timeout (never sleeps). */
export class TestClient {
  readonly ws: WebSocket;
  readonly frames: Frame[] = [];
  #waiters: { predicate: (f: Frame) => boolean; resolve: (f: Frame) => void; from: number }[] = [];
  closed: Promise<{ code: number; reason: string }>;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.on('message', (data) => {
      const raw = data.toString();
      const frame: Frame = { raw, json: JSON.parse(raw) };
      this.frames.push(frame);
      const index = this.frames.length - 1;
      for (const waiter of [...this.#waiters]) {
        if (index >= waiter.from && waiter.predicate(frame)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(frame);
        }
      }
    });
  }

  static async connect(url: string): Promise<TestClient> {
    const ws = new WebSocket(url);
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Waits for a frame (already received from index `from` on, or future) matching predicate. */
  waitFor(
    predicate: (f: Frame) => boolean,
    options: { from?: number; timeoutMs?: number; what?: string } = {},
  ): Promise<Frame> {
    const from = options.from ?? 0;
    const found = this.frames.slice(from).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = { predicate, resolve: (f: Frame) => (clearTimeout(timer), resolve(f)), from };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`timed out waiting for ${options.what ?? 'frame'}`));
      }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      this.#waiters.push(waiter);
    });
  }

  /** Waits for the next push with this method received after `from`. */
  push(method: string, from = 0, timeoutMs?: number): Promise<Frame> {
    return this.waitFor((f) => f.json.res?.[0] === 0 && f.json.res?.[1] === method, {
      from,
      timeoutMs,
      what: `push ${method}`,
    });
  }

  /** Sends a frame and resolves with the response carrying the same request id. */
  async send(message: string): Promise<Frame> {
    const id = (JSON.parse(message) as { req: [number] }).req[0];
    const from = this.frames.length;
    this.ws.send(message);
    return this.waitFor((f) => Array.isArray(f.json.res) && f.json.res[0] === id, {
      from,
      what: `response to ${id}`,
    });
  }

  /** Sends and parses with the SDK's parseAnyRPCResponse. */
  async call(message: string): Promise<RPCResponse> {
    return parseAnyRPCResponse((await this.send(message)).raw);
  }

  /** Sends, expects a reply of this method, and returns its SDK-parsed params. */
  async expect<M extends RPCMethod>(message: string, method: M): Promise<ParamsOf<M>> {
    return paramsOf(await this.send(message), method);
  }

  /** Sends and returns the error text of the reply (undefined when it is no error). */
  async refusal(message: string): Promise<string | undefined> {
    return errorOf(await this.send(message));
  }

  /** Sends a raw string and returns the next non-push frame. */
  async sendRaw(text: string | Buffer): Promise<Frame> {
    const from = this.frames.length;
    this.ws.send(text);
    return this.waitFor(
      (f) => (Array.isArray(f.json.res) && f.json.res[0] !== 0) || f.json.res?.[1] === 'error',
      { from, what: 'raw response' },
    );
  }

  close(): void {
    this.ws.close();
  }
}

export function errorOf(frame: Frame): string | undefined {
  return frame.json.res?.[1] === 'error'
    ? (frame.json.res[2] as { error: string }).error
    : undefined;
}

export interface Wallet {
  privateKey: Hex;
  address: Hex;
}

export function newWallet(): Wallet {
  const privateKey = generatePrivateKey();
  return { privateKey, address: privateKeyToAccount(privateKey).address };
}

export function walletClientOf(wallet: Wallet) {
  return createWalletClient({
    account: privateKeyToAccount(wallet.privateKey),
    transport: custom({
      request: async () => {
        throw new Error('no chain in tests');
      },
    }),
  });
}

export interface SignInOptions {
  application?: string;
  allowances?: { asset: string; amount: string }[];
  expiresAt?: bigint;
  scope?: string;
  sessionKey?: Wallet;
}

export interface SignedIn {
  client: TestClient;
  wallet: Wallet;
  sessionKey: Wallet;
  signer: MessageSigner;
  jwt: string;
}

/** The SDK's sign-in: auth_request, EIP-712 Policy signed by the wallet, auth_verify. */
export async function signIn(
  url: string,
  wallet: Wallet,
  options: SignInOptions = {},
  existing?: TestClient,
): Promise<SignedIn> {
  const client = existing ?? (await TestClient.connect(url));
  const sessionKey = options.sessionKey ?? newWallet();
  const application = options.application ?? 'nitrolite-sessions';
  const allowances = options.allowances ?? [{ asset: 'usdc', amount: '1000' }];
  const expiresAt = options.expiresAt ?? BigInt(Math.floor(Date.now() / 1000) + 3600);
  const scope = options.scope ?? 'app.create';
  const request = await createAuthRequestMessage(
    {
      address: wallet.address,
      session_key: sessionKey.address,
      application,
      allowances,
      expires_at: expiresAt,
      scope,
    },
    requestId(),
  );
  const challenge = parseAuthChallengeResponse((await client.send(request)).raw);
  const eip712 = createEIP712AuthMessageSigner(
    walletClientOf(wallet),
    { scope, session_key: sessionKey.address, expires_at: expiresAt, allowances },
    { name: application },
  );
  const verify = await client.send(await createAuthVerifyMessage(eip712, challenge, requestId()));
  if (errorOf(verify)) throw new Error(`sign-in failed: ${errorOf(verify)}`);
  const { jwtToken } = paramsOf(verify, RPCMethod.AuthVerify);
  return {
    client,
    wallet,
    sessionKey,
    signer: createECDSAMessageSigner(sessionKey.privateKey),
    jwt: jwtToken ?? '',
  };
}

export async function signInWithJwt(
  url: string,
  jwt: string,
): Promise<{ client: TestClient; response: Frame }> {
  const client = await TestClient.connect(url);
  const response = await client.send(await createAuthVerifyMessageWithJWT(jwt, requestId()));
  return { client, response };
}

export interface FaucetReply {
  success: boolean;
  message: string;
  amount?: string;
  asset?: string;
  userAddress?: string;
}

export async function requestFaucet(
  httpUrl: string,
  body: unknown,
): Promise<{ status: number; body: FaucetReply; headers: Headers }> {
  const response = await fetch(`${httpUrl}/faucet/requestTokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as FaucetReply,
    headers: response.headers,
  };
}
