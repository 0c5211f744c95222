import { IDLE_CONNECTION } from '../connection-status';
import {
  ClearNodeApiActions,
  ClearNodeConnectionActions,
  ClearNodePushActions,
  NodePickerActions,
} from './clearnode.actions';
import {
  clearNodeFeature,
  initialClearNodeState,
  selectFaucetUrl,
  selectIsLocalNode,
  selectRefusedAddress,
  selectUnsupportedReason,
  selectUntrustedReason,
} from './clearnode.feature';

const reduce = clearNodeFeature.reducer;
const local = 'ws://127.0.0.1:8000/ws';
const asset = { symbol: 'usdc', decimals: 6, chainId: 1, token: '0x0' };

describe('clearNode reducer and selectors', () => {
  it('starts over when another node is chosen, keeps state for the same one', () => {
    const chosen = reduce(
      initialClearNodeState,
      ClearNodeConnectionActions.nodeChosen({ url: local }),
    );
    const withAssets = reduce(chosen, ClearNodeApiActions.assetsLoaded({ assets: [asset] }));
    expect(reduce(withAssets, NodePickerActions.nodeSelected({ url: local }))).toBe(withAssets);
    expect(
      reduce(withAssets, NodePickerActions.nodeSelected({ url: 'wss://clearnet.yellow.com/ws' })),
    ).toEqual({
      ...initialClearNodeState,
      nodeUrl: 'wss://clearnet.yellow.com/ws',
    });
  });

  it('mirrors the connection status of the chosen node only', () => {
    const chosen = reduce(
      initialClearNodeState,
      ClearNodeConnectionActions.nodeChosen({ url: local }),
    );
    const online = { ...IDLE_CONNECTION, url: local, phase: 'online' as const };
    expect(
      reduce(chosen, ClearNodeConnectionActions.statusChanged({ status: online })).connection,
    ).toEqual(online);
    const stale = { ...online, url: 'ws://old/ws' };
    expect(
      reduce(chosen, ClearNodeConnectionActions.statusChanged({ status: stale })).connection,
    ).toEqual(IDLE_CONNECTION);
  });

  it('takes assets from the answer or the push, and keeps the failure message', () => {
    const pushed = reduce(
      initialClearNodeState,
      ClearNodePushActions.assetsReceived({ assets: [asset] }),
    );
    expect(pushed.assets).toEqual([asset]);
    expect(reduce(pushed, ClearNodeApiActions.assetsLoadFailed({ error: 'no' })).assetsError).toBe(
      'no',
    );
  });

  it('holds why the chosen node is not trusted until it connects again or another is chosen', () => {
    const reason = 'The ClearNode at ws://127.0.0.1:8000/ws now signs as 0xB, not 0xA as before.';
    const chosen = reduce(
      initialClearNodeState,
      ClearNodeConnectionActions.nodeChosen({ url: local }),
    );
    const refused = reduce(
      chosen,
      ClearNodeConnectionActions.refused({ url: local, error: reason }),
    );
    expect(selectUntrustedReason.projector(refused)).toBe(reason);
    expect(selectUntrustedReason({ clearNode: refused })).toBe(reason);
    // A refusal of a node left behind says nothing about the chosen one.
    expect(
      reduce(chosen, ClearNodeConnectionActions.refused({ url: 'ws://old/ws', error: reason }))
        .untrustedReason,
    ).toBeNull();
    const brokerAddress = '0x0000000000000000000000000000000000000001';
    for (const back of [
      ClearNodeConnectionActions.connected({ url: local, brokerAddress }),
      ClearNodeConnectionActions.reconnected({ url: local, brokerAddress }),
    ]) {
      expect(reduce(refused, back).untrustedReason).toBeNull();
    }
    expect(
      reduce(refused, NodePickerActions.nodeSelected({ url: 'wss://clearnet.yellow.com/ws' }))
        .untrustedReason,
    ).toBeNull();
  });

  it('holds why the node speaks another protocol until it connects or another is chosen', () => {
    const v1 = 'wss://nitronode-sandbox.yellow.org/v1/ws';
    const chosen = reduce(
      initialClearNodeState,
      ClearNodeConnectionActions.nodeChosen({ url: v1 }),
    );
    const unsupported = reduce(
      chosen,
      ClearNodeConnectionActions.protocolUnsupported({ url: v1, error: 'speaks v1' }),
    );
    expect(selectUnsupportedReason.projector(unsupported)).toBe('speaks v1');
    // A late report about a node no longer chosen changes nothing.
    const other = reduce(unsupported, NodePickerActions.nodeSelected({ url: local }));
    expect(other.unsupportedReason).toBeNull();
    expect(
      reduce(other, ClearNodeConnectionActions.protocolUnsupported({ url: v1, error: 'late' })),
    ).toBe(other);
    expect(
      reduce(unsupported, ClearNodeConnectionActions.connected({ url: v1, brokerAddress: '0xb' }))
        .unsupportedReason,
    ).toBeNull();
  });

  it('keeps a refused ?node= through the start-up choice, until a node is picked', () => {
    const refused = reduce(
      initialClearNodeState,
      ClearNodeConnectionActions.nodeAddressRefused({ address: 'javascript:x', reason: 'no' }),
    );
    const chosen = reduce(refused, ClearNodeConnectionActions.nodeChosen({ url: local }));
    expect(selectRefusedAddress.projector(chosen)).toEqual({
      address: 'javascript:x',
      reason: 'no',
    });
    expect(
      reduce(chosen, NodePickerActions.nodeSelected({ url: local })).refusedAddress,
    ).toBeNull();
    expect(
      reduce(chosen, NodePickerActions.nodeSelected({ url: 'wss://clearnet.yellow.com/ws' }))
        .refusedAddress,
    ).toBeNull();
  });

  it('derives the faucet and whether the node is local', () => {
    expect(selectFaucetUrl.projector(local)).toBe('http://127.0.0.1:8000/faucet/requestTokens');
    expect(selectFaucetUrl.projector('wss://clearnet.yellow.com/ws')).toBeNull();
    expect(selectIsLocalNode.projector(local)).toBeTrue();
    expect(selectIsLocalNode.projector(null)).toBeFalse();
  });
});
