import {
  createCloseAppSessionMessage,
  createSubmitAppStateMessage,
  createTransferMessage,
  createApplicationMessage,
  RPCProtocolVersion,
} from '@erc7824/nitrolite';
import type { Hex } from 'viem';
import {
  errorOf,
  newWallet,
  requestFaucet,
  requestId,
  signIn,
  type SignedIn,
} from '../../clearnode/test/support/client.ts';
import { createSession, definition } from '../../clearnode/test/support/requests.ts';

// Every request gets an id of the client's sequence: the SDK's default ids repeat within a millisecond.

/** How much each seeded session holds (usdc): small, so one faucet grant funds thousands. */
const STAKE = '0.001';

export interface SeededSession {
  readonly id: Hex;
  version: number;
  /** Which of the two holds the stake: 0 the seeder, 1 the person. */
  holder: 0 | 1;
}

/**
 * Another participant, driven through the official SDK: opens sessions with the person (the
 * seeder funds them and decides alone), and makes the node push to the person's page.
 */
export class Seeder {
  readonly open: SeededSession[] = [];

  private constructor(
    private readonly me: SignedIn,
    private readonly person: Hex,
  ) {}

  static async start(url: string, httpUrl: string, person: Hex): Promise<Seeder> {
    const me = await signIn(url, newWallet(), {
      allowances: [{ asset: 'usdc', amount: '1000000' }],
    });
    const granted = await requestFaucet(httpUrl, { userAddress: me.wallet.address });
    if (!granted.body.success) throw new Error(`faucet: ${granted.body.message}`);
    return new Seeder(me, person);
  }

  private async send(message: string): Promise<Record<string, unknown>> {
    // The node may be busy answering the page (that is what is measured): wait longer than tests do.
    const client = this.me.client;
    const id = (JSON.parse(message) as { req: [number] }).req[0];
    const from = client.frames.length;
    client.ws.send(message);
    const reply = await client.waitFor(
      (frame) => Array.isArray(frame.json.res) && frame.json.res[0] === id,
      { from, timeoutMs: 120_000, what: `response to ${id}` },
    );
    const error = errorOf(reply);
    if (error) throw new Error(`the node refused: ${error}`);
    return reply.json.res![2] as Record<string, unknown>;
  }

  private shares(holder: 0 | 1) {
    return [
      { participant: this.me.wallet.address, asset: 'usdc', amount: holder === 0 ? STAKE : '0' },
      { participant: this.person, asset: 'usdc', amount: holder === 1 ? STAKE : '0' },
    ];
  }

  /** Opens one session with the person; the person is given nothing, so the node tells them nothing. */
  async openOne(): Promise<SeededSession> {
    const def = definition([this.me.wallet.address, this.person], {
      weights: [100, 0],
      quorum: 100,
    });
    const answer = await this.send(await createSession(this.me.signer, def, this.shares(0)));
    const session = { id: answer['app_session_id'] as Hex, version: 1, holder: 0 as const };
    this.open.push(session);
    return session;
  }

  /** Opens sessions until `count` are open, `inFlight` at a time. */
  async openUpTo(count: number, inFlight = 20): Promise<void> {
    while (this.open.length < count) {
      const batch = Math.min(inFlight, count - this.open.length);
      await Promise.all(Array.from({ length: batch }, () => this.openOne()));
    }
  }

  /** A `bu` for the person: a transfer to them. */
  async pushBalance(): Promise<void> {
    await this.send(
      await createTransferMessage(
        this.me.signer,
        {
          destination: this.person,
          allocations: [{ asset: 'usdc', amount: '0.000001' }],
        },
        requestId(),
      ),
    );
  }

  /** An `asu` for the person: the stake of one session moves to the other participant. */
  async pushSessionUpdate(session: SeededSession): Promise<void> {
    const holder = session.holder === 0 ? 1 : 0;
    await this.send(
      await createSubmitAppStateMessage<typeof RPCProtocolVersion.NitroRPC_0_4>(
        this.me.signer,
        {
          app_session_id: session.id,
          intent: 'operate' as never,
          version: session.version + 1,
          allocations: this.shares(holder),
        },
        requestId(),
      ),
    );
    session.version += 1;
    session.holder = holder;
  }

  /** Opens a session and closes it paying the person, who is then told (`bu`). */
  async openAndClose(): Promise<void> {
    const session = await this.openOne();
    this.open.pop();
    await this.send(
      await createCloseAppSessionMessage(
        this.me.signer,
        {
          app_session_id: session.id,
          allocations: this.shares(1),
        },
        requestId(),
      ),
    );
  }

  /** A text message in a session, relayed by the node to the person. */
  async message(session: SeededSession, text: string): Promise<void> {
    await this.send(
      await createApplicationMessage(
        this.me.signer,
        session.id,
        { type: 'text', data: text },
        requestId(),
      ),
    );
  }

  close(): void {
    this.me.client.close();
  }
}
