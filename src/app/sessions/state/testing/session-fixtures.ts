import { AppSession, AppSessionWire } from '../app-session.model';

export const ALICE = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
export const BOB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
export const SESSION_ID = '0x8ab0c49766b17d0bcc1a9d0110198f7d0ce5a7b18aa2ce8db6c94972d0d03d30';
export const NODE_URL = 'ws://127.0.0.1:8000/ws';
/** A fixed clock for specs: what `Date.now()` returns where time matters. */
export const NOW = 1_700_000_000_000;
export const USD_ASSET = {
  symbol: 'ytest.usd',
  decimals: 6,
  chainId: 1,
  token: '0x0000000000000000000000000000000000000001',
};

/** The session both fixtures describe: Alice alone reaches the quorum. */
const DEFINITION = {
  application: 'nitrolite-sessions',
  protocol: 'NitroRPC/0.4',
  participants: [ALICE, BOB],
  weights: [100, 0],
  quorum: 100,
  challenge: 0,
  nonce: 1,
} as const;

export function aSession(overrides: Partial<AppSession> = {}): AppSession {
  return {
    id: SESSION_ID,
    definition: {
      ...DEFINITION,
      participants: [...DEFINITION.participants],
      weights: [...DEFINITION.weights],
    },
    status: 'open',
    version: 1,
    allocations: [
      { participant: ALICE, asset: 'ytest.usd', amount: '10' },
      { participant: BOB, asset: 'ytest.usd', amount: '0' },
    ],
    sessionData: null,
    label: 'Dinner',
    myRole: 'creator',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    finalAllocations: null,
    openingAllocations: null,
    ...overrides,
  };
}

export function aWireSession(overrides: Partial<AppSessionWire> = {}): AppSessionWire {
  return {
    app_session_id: SESSION_ID,
    ...DEFINITION,
    participants: [...DEFINITION.participants],
    weights: [...DEFINITION.weights],
    status: 'open',
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export const SIGN_IN = {
  wallet: ALICE,
  nodeUrl: NODE_URL,
  sessionKey: '0x1111111111111111111111111111111111111111',
  expiresAt: 4_000_000_000,
  allowances: [],
};

/** Alice's and Bob's shares of the session's ytest.usd, in that order. */
export function aSplit(alice: string, bob: string) {
  return [
    { participant: ALICE, asset: 'ytest.usd', amount: alice },
    { participant: BOB, asset: 'ytest.usd', amount: bob },
  ];
}
