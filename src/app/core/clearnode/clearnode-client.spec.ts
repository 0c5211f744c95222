import { TestBed } from '@angular/core/testing';
import { FakeBroker, FakeWebSocket } from '../../testing/fake-web-socket';
import { SessionKeySigner } from '../auth/session-key-signer';
import { ClearNodeClient } from './clearnode-client';
import type { ConnectionEvent } from './connection-status';
import {
  BrokerSignatureError,
  ClearNodeConnectionError,
  type RelayedMessage,
  type RpcPush,
} from './rpc-frame';
import { WEB_SOCKET_FACTORY } from './web-socket-factory.token';

const URL = 'ws://127.0.0.1:8000/ws';

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('ClearNodeClient', () => {
  let sockets: FakeWebSocket[];
  let client: ClearNodeClient;
  let broker: FakeBroker;
  let events: ConnectionEvent[];
  const socket = () => sockets[sockets.length - 1];

  beforeEach(() => {
    sockets = [];
    broker = new FakeBroker();
    TestBed.configureTestingModule({
      providers: [
        {
          provide: WEB_SOCKET_FACTORY,
          useValue: (url: string) => {
            const fake = new FakeWebSocket(url);
            sockets.push(fake);
            return fake as unknown as WebSocket;
          },
        },
        {
          provide: SessionKeySigner,
          useValue: {
            address: '0xkey',
            lastAddress: '0xkey',
            signRequest: async () => '0xsessionsig',
          },
        },
      ],
    });
    client = TestBed.inject(ClearNodeClient);
    events = [];
    client.events$.subscribe((event) => events.push(event));
  });

  afterEach(() => client.disconnect());

  /** Opens the socket and answers get_config as the broker. */
  async function goOnline(): Promise<void> {
    socket().open();
    const [id, method] = socket().lastRequest();
    expect(method).toBe('get_config');
    socket().receive(broker.config(id));
    await settle();
  }

  it('learns the broker from get_config, then goes online and says so', async () => {
    client.connect(URL);
    expect(client.status().phase).toBe('connecting');
    await goOnline();
    expect(client.status()).toEqual(
      jasmine.objectContaining({ phase: 'online', url: URL, brokerAddress: broker.address }),
    );
    expect(events).toEqual([{ type: 'connected', url: URL, brokerAddress: broker.address }]);
  });

  it('holds pushes that arrive before the broker is known and delivers them once verified', async () => {
    const pushes: RpcPush[] = [];
    client.pushes$.subscribe((push) => pushes.push(push));
    client.connect(URL);
    socket().open();
    socket().receive(broker.frame(0, 'assets', { assets: [] }));
    expect(pushes.length).toBe(0);
    socket().receive(broker.config(socket().lastRequest()[0]));
    await settle();
    expect(pushes.map((p) => p.method)).toEqual(['assets']);
  });

  it('matches answers to requests by id, out of order, and signs when asked', async () => {
    client.connect(URL);
    await goOnline();
    const balances = client.request<{ ledger_balances: unknown[] }>(
      'get_ledger_balances',
      {},
      { signed: true },
    );
    await settle();
    const assets = client.request<{ assets: unknown[] }>('get_assets', {});
    const [balancesReq, assetsReq] = socket().requests().slice(-2);
    expect(JSON.parse(socket().sent[socket().sent.length - 2]).sig).toEqual(['0xsessionsig']);
    expect(JSON.parse(socket().sent[socket().sent.length - 1]).sig).toEqual([]);
    expect(balancesReq[0]).not.toBe(assetsReq[0]);
    socket().receive(broker.frame(assetsReq[0], 'get_assets', { assets: ['a'] }));
    socket().receive(
      broker.frame(balancesReq[0], 'get_ledger_balances', { ledger_balances: ['b'] }),
    );
    expect(await assets).toEqual({ assets: ['a'] });
    expect(await balances).toEqual({ ledger_balances: ['b'] });
  });

  it('sends prepared requests with several signatures and a session id', async () => {
    client.connect(URL);
    await goOnline();
    const req = client.buildRequest('message', { hello: 1 });
    expect(req[3]).toBeCloseTo(Date.now(), -3);
    const answer = client.send(req, ['0xa', '0xb'], { sid: '0xsession' });
    expect(JSON.parse(socket().sent[socket().sent.length - 1])).toEqual({
      req: [...req],
      sig: ['0xa', '0xb'],
      sid: '0xsession',
    });
    socket().receive(broker.frame(req[0], 'message', {}));
    expect((await answer).method).toBe('message');
  });

  it('refuses a node whose answers are not signed by its broker', async () => {
    client.connect(URL);
    await goOnline();
    const answer = client.request('get_assets', {});
    const impostor = new FakeBroker('0x' + '77'.repeat(32));
    socket().receive(impostor.frame(socket().lastRequest()[0], 'get_assets', { assets: [] }));
    await expectAsync(answer).toBeRejectedWithError(BrokerSignatureError);
    expect(client.status().phase).toBe('offline');
    expect(client.status().error).toContain('not signed by its broker');
    expect(events.map((e) => e.type)).toEqual(['connected', 'refused']);
  });

  it('refuses a get_config that its claimed broker did not sign', async () => {
    client.connect(URL);
    socket().open();
    const impostor = new FakeBroker('0x' + '77'.repeat(32));
    const id = socket().lastRequest()[0];
    socket().receive(impostor.frame(id, 'get_config', { broker_address: broker.address }));
    await settle();
    expect(client.status().phase).toBe('offline');
    expect(events.map((e) => e.type)).toEqual(['refused']);
  });

  it('reports answers saying the node no longer knows our sign-in', async () => {
    const refusals: string[] = [];
    client.authRefused$.subscribe((text) => refusals.push(text));
    client.connect(URL);
    await goOnline();
    const answer = client.request('get_ledger_balances', {}, { signed: true });
    await settle();
    socket().receive(
      broker.frame(socket().lastRequest()[0], 'error', { error: 'authentication required' }),
    );
    await expectAsync(answer).toBeRejected();
    expect(refusals).toEqual(['authentication required']);
  });

  it('fails a write refused for our unknown key with the plain reason, and reports it', async () => {
    const refusals: string[] = [];
    client.keyRefused$.subscribe((text) => refusals.push(text));
    client.connect(URL);
    await goOnline();
    const answer = client.request('submit_app_state', {}, { signed: true });
    await settle();
    const text = 'signature from unknown participant wallet 0xkey';
    socket().receive(broker.frame(socket().lastRequest()[0], 'error', { error: text }));
    await expectAsync(answer).toBeRejectedWithError(
      'Signed in on another device or tab: sign in again here.',
    );
    expect(refusals).toEqual([text]);
  });

  it("passes on a co-signer's unknown key as the node's refusal", async () => {
    const refusals: string[] = [];
    client.keyRefused$.subscribe((text) => refusals.push(text));
    client.connect(URL);
    await goOnline();
    const answer = client.request('submit_app_state', {}, { signed: true });
    await settle();
    const text = 'signature from unknown participant wallet 0xother';
    socket().receive(broker.frame(socket().lastRequest()[0], 'error', { error: text }));
    await expectAsync(answer).toBeRejectedWithError(/unknown participant wallet 0xother/);
    expect(refusals).toEqual([]);
  });

  it('passes relayed session frames through for the receivers to check', async () => {
    const relayed: RelayedMessage[] = [];
    client.relayedMessages$.subscribe((m) => relayed.push(m));
    client.connect(URL);
    await goOnline();
    socket().receive('{"req":[9,"message",{"type":"chat"},1],"sid":"0xs","sig":["0x1"]}');
    expect(relayed.map((m) => m.sid)).toEqual(['0xs']);
  });

  it('does not open a socket to a v1 address, and says why', () => {
    const v1 = 'wss://nitronode-sandbox.yellow.org/v1/ws';
    client.connect(v1);
    expect(sockets.length).toBe(0);
    expect(client.status().phase).toBe('offline');
    expect(client.status().error).toContain('speaks protocol v1');
    expect(events).toEqual([
      jasmine.objectContaining({ type: 'unsupported', url: v1 }) as unknown as ConnectionEvent,
    ]);
    client.retryNow();
    expect(sockets.length).toBe(0);
  });

  it('stops at once when the node answers get_config the v1 way', async () => {
    client.connect(URL);
    socket().open();
    const id = socket().lastRequest()[0];
    socket().receive(`[4,${id},"get_config",{"error":"unknown method"},1700000000000]`);
    await settle();
    expect(client.status().phase).toBe('offline');
    expect(client.status().error).toContain(`the node at ${URL} speaks protocol v1`);
    expect(events.map((e) => e.type)).toEqual(['unsupported']);
    expect(socket().readyState).toBe(FakeWebSocket.CLOSED);
  });

  it('says plainly when a request cannot be sent', async () => {
    await expectAsync(client.request('get_assets')).toBeRejectedWithError(
      ClearNodeConnectionError,
      'No ClearNode selected.',
    );
  });

  describe('when the line drops', () => {
    beforeEach(() => jasmine.clock().install());
    afterEach(() => jasmine.clock().uninstall());

    it('fails waiting requests, backs off, reconnects and reports a reconnect', async () => {
      jasmine.clock().mockDate(new Date(1_700_000_000_000));
      client.connect(URL);
      await goOnline();
      const waiting = client.request('get_assets');
      socket().drop();
      await expectAsync(waiting).toBeRejectedWithError(ClearNodeConnectionError);
      const status = client.status();
      expect(status.phase).toBe('reconnecting');
      expect(status.attempt).toBe(1);
      expect(status.retryAt! - Date.now()).toBeGreaterThan(300);
      expect(status.retryAt! - Date.now()).toBeLessThanOrEqual(500);
      expect(events.map((e) => e.type)).toEqual(['connected', 'lost']);

      jasmine.clock().tick(500);
      expect(sockets.length).toBe(2);
      socket().drop(); // still down: the next wait is longer
      expect(client.status().attempt).toBe(2);
      expect(client.status().retryAt! - Date.now()).toBeGreaterThan(650);

      jasmine.clock().tick(1000);
      expect(sockets.length).toBe(3);
      await goOnline();
      expect(client.status()).toEqual(
        jasmine.objectContaining({ phase: 'online', attempt: 0, retryAt: null }),
      );
      expect(events.map((e) => e.type)).toEqual(['connected', 'lost', 'reconnected']);
    });

    it('says a node that opens the socket and stays silent may speak another protocol, and retries', async () => {
      client.connect(URL);
      socket().open();
      expect(socket().lastRequest()[1]).toBe('get_config');
      jasmine.clock().tick(15_000);
      await settle();
      const status = client.status();
      expect(status.phase).toBe('reconnecting');
      expect(status.error).toContain(`The server at ${URL} accepted the connection`);
      expect(status.error).toContain('did not answer within 15 s');
      expect(status.error).toContain('a protocol v1 node does not answer this app');
      expect(status.retryAt).not.toBeNull();
    });

    it('retries at once when asked', async () => {
      client.connect(URL);
      await goOnline();
      socket().drop();
      expect(sockets.length).toBe(1);
      client.retryNow();
      expect(sockets.length).toBe(2);
      expect(client.status().phase).toBe('connecting');
    });

    it('keeps the line alive with ping and drops it when ping goes unanswered', async () => {
      client.connect(URL);
      await goOnline();
      jasmine.clock().tick(20_000);
      await settle();
      expect(socket().lastRequest()[1]).toBe('ping');
      jasmine.clock().tick(8_000);
      await settle();
      expect(client.status().phase).toBe('reconnecting');
    });
  });
});
