import {
  createApplicationMessage,
  createAuthRequestMessage,
  createAuthVerifyMessage,
  createECDSAMessageSigner,
  createEIP712AuthMessageSigner,
  EIP712AuthTypes,
  parseAuthChallengeResponse,
} from '@erc7824/nitrolite';
import { keccak256, toUtf8Bytes } from 'ethers';
import { createWalletClient, custom, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import WebSocket from 'ws';

/** The application the app's participants attest their session keys for. */
const APPLICATION = 'nitrolite-sessions';
/**
 * The rogue key signs in for another application, so that the node keeps the key the wallet's
 * page uses (it holds one key per wallet and application).
 */
const ROGUE_APPLICATION = 'e2e-rogue';
const WAIT_MS = 10_000;

/** A frame the node relayed to this connection: `{req:[id, "message", params, ts], sid, sig}`. */
export interface RelayedFrame {
  readonly sid: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  /** The wallet its attestation names (unchecked). */
  readonly claims: string | null;
  /** Sent by this key (the node relays a frame to its sender too). */
  readonly own: boolean;
}

/**
 * A session key of a wallet, signed in to the node outside the app over a WebSocket of its own:
 * what a misbehaving participant (or whoever holds its key) can do, sending in-session frames the
 * app never would. It hears what the node relays to that wallet.
 */
export class RogueKey {
  private readonly frames: RelayedFrame[] = [];
  private readonly sentIds = new Set<number>();
  private readonly answers = new Map<number, (raw: string) => void>();
  private readonly key = generatePrivateKey();
  private nextId = 1;

  private constructor(
    private readonly ws: WebSocket,
    private readonly walletKey: Hex,
  ) {
    ws.on('message', (raw) => this.receive(raw.toString()));
  }

  /** The session key's address: what the other pages recover from its frames. */
  get address(): string {
    return privateKeyToAccount(this.key).address;
  }

  /** Signs in with the wallet's private key and a fresh session key, as the SDK does. */
  static async signIn(nodeUrl: string, walletPrivateKey: string): Promise<RogueKey> {
    const ws = new WebSocket(nodeUrl);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const rogue = new RogueKey(ws, walletPrivateKey as Hex);
    const account = privateKeyToAccount(rogue.walletKey);
    const policy = {
      scope: 'app.create',
      session_key: rogue.address as Hex,
      expires_at: BigInt(Math.floor(Date.now() / 1000) + 3600),
      allowances: [],
    };
    const challengeFrame = await rogue.call(
      await createAuthRequestMessage(
        { address: account.address, application: ROGUE_APPLICATION, ...policy },
        rogue.nextId++,
      ),
    );
    const wallet = createWalletClient({
      account,
      transport: custom({
        request: () => Promise.reject(new Error('no chain in e2e')),
      }),
    });
    const verify = await rogue.call(
      await createAuthVerifyMessage(
        createEIP712AuthMessageSigner(wallet, policy, { name: ROGUE_APPLICATION }),
        parseAuthChallengeResponse(challengeFrame),
        rogue.nextId++,
      ),
    );
    const error = errorOf(verify);
    if (error) throw new Error(`the rogue key could not sign in: ${error}`);
    return rogue;
  }

  /**
   * An attestation of this key for `claimedWallet` in the app's format, signed by the wallet
   * this key belongs to: genuine when it claims that wallet, forged when it claims another.
   */
  async attestation(claimedWallet: string): Promise<unknown> {
    const policy = {
      challenge: '00000000-0000-4000-8000-000000000000',
      scope: 'app.create',
      wallet: claimedWallet as Hex,
      session_key: this.address as Hex,
      expires_at: Math.floor(Date.now() / 1000) + 3600,
      allowances: [] as { asset: string; amount: string }[],
    };
    const signature = await privateKeyToAccount(this.walletKey).signTypedData({
      domain: { name: APPLICATION },
      types: EIP712AuthTypes,
      primaryType: 'Policy',
      message: { ...policy, expires_at: BigInt(policy.expires_at) },
    });
    return { application: APPLICATION, policy, signature };
  }

  /**
   * Sends `{type, data, sender}` into the session, signed with this key; resolves with the
   * node's error, or null when it relayed the frame.
   */
  async send(
    sessionId: string,
    type: string,
    data: unknown,
    sender?: unknown,
  ): Promise<string | null> {
    const frame = await createApplicationMessage(
      createECDSAMessageSigner(this.key),
      sessionId as Hex,
      { type, data, ...(sender === undefined ? {} : { sender }) },
      this.nextId++,
    );
    this.sentIds.add((JSON.parse(frame) as { req: [number] }).req[0]);
    return errorOf(await this.call(frame));
  }

  /** The first relayed frame of this type (and matching `where`), waiting for it if need be. */
  async relayed(
    type: string,
    where: (frame: RelayedFrame) => boolean = () => true,
  ): Promise<RelayedFrame> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = this.frames.find((frame) => frame.type === type && where(frame));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no relayed ${type} within ${WAIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    this.ws.close();
  }

  private call(frame: string): Promise<string> {
    const id = (JSON.parse(frame) as { req: [number] }).req[0];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${id}`)), WAIT_MS);
      this.answers.set(id, (raw) => {
        clearTimeout(timer);
        resolve(raw);
      });
      this.ws.send(frame);
    });
  }

  private receive(raw: string): void {
    const json = JSON.parse(raw) as {
      res?: [number, string, unknown, number];
      req?: [number, string, Record<string, unknown>, number];
      sid?: string;
    };
    if (json.res) {
      this.answers.get(json.res[0])?.(raw);
      this.answers.delete(json.res[0]);
      return;
    }
    const [id, method, params] = json.req ?? [];
    if (method !== 'message' || !json.sid || !params) return;
    this.frames.push({
      sid: json.sid,
      type: String(params['type']),
      data: (params['data'] ?? {}) as Record<string, unknown>,
      claims:
        (params['sender'] as { policy?: { wallet?: string } } | undefined)?.policy?.wallet ?? null,
      own: id !== undefined && this.sentIds.has(id),
    });
  }
}

function errorOf(raw: string): string | null {
  const res = (JSON.parse(raw) as { res?: [number, string, { error?: string }] }).res;
  return res?.[1] === 'error' ? (res[2].error ?? 'error') : null;
}

/**
 * What an approval is of, computed as any participant's app does (keccak256 of the content's
 * canonical JSON, allocations in participant-then-asset order): a forgery that would count, were
 * it signed by the participant it names.
 */
export function contentHashOf(content: Record<string, unknown>): string {
  const allocations = [...(content['allocations'] as Record<string, string>[])]
    .map(({ participant, asset, amount }) => ({ participant, asset, amount }))
    .sort(
      (a, b) =>
        a.participant.toLowerCase().localeCompare(b.participant.toLowerCase()) ||
        a.asset.localeCompare(b.asset),
    );
  return keccak256(toUtf8Bytes(canonicalJson({ ...content, allocations })));
}

function canonicalJson(value: unknown): string {
  const sorted = (item: unknown): unknown =>
    Array.isArray(item)
      ? item.map(sorted)
      : item && typeof item === 'object'
        ? Object.fromEntries(
            Object.keys(item)
              .sort()
              .map((key) => [key, sorted((item as Record<string, unknown>)[key])]),
          )
        : item;
  return JSON.stringify(sorted(value));
}
