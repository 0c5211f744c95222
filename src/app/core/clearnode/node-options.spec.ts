import {
  LOCAL_NODE_URL,
  NODE_OPTIONS,
  faucetUrlFor,
  isLocalNode,
  parseNodeUrl,
} from './node-options';
import { chooseNodeUrl } from './node-preference';

describe('ClearNode choices', () => {
  it('accepts ws:// and wss:// URLs only', () => {
    expect(parseNodeUrl(' wss://node.example/ws ')).toEqual({
      ok: true,
      url: 'wss://node.example/ws',
    });
    expect(parseNodeUrl('ws://127.0.0.1:9000/ws')).toEqual({
      ok: true,
      url: 'ws://127.0.0.1:9000/ws',
    });
    expect(parseNodeUrl('https://node.example/ws')).toEqual({
      ok: false,
      error: 'A ClearNode address starts with ws:// or wss://.',
    });
    expect(parseNodeUrl('node.example')).toEqual({
      ok: false,
      error: '"node.example" is not a URL.',
    });
    expect(parseNodeUrl('').ok).toBeFalse();
    for (const address of ['javascript:alert(1)', 'data:text/html,hi', 'http://node.example/ws'])
      expect(parseNodeUrl(address)).toEqual({
        ok: false,
        error: 'A ClearNode address starts with ws:// or wss://.',
      });
  });

  it('names the protocol of every preset', () => {
    expect(NODE_OPTIONS.map((o) => o.label)).toEqual([
      'Local (v0.5)',
      'Yellow v0.5 sandbox (legacy)',
      'Yellow v0.5 production (legacy)',
    ]);
    expect(NODE_OPTIONS.every((o) => o.protocol === 'v0.5' && o.label.includes('v0.5'))).toBeTrue();
  });

  it('derives the faucet from the node: local HTTP port, sandbox, none for production', () => {
    expect(faucetUrlFor('ws://127.0.0.1:8000/ws')).toBe(
      'http://127.0.0.1:8000/faucet/requestTokens',
    );
    expect(faucetUrlFor('ws://localhost:41234/ws')).toBe(
      'http://localhost:41234/faucet/requestTokens',
    );
    expect(faucetUrlFor('wss://clearnet-sandbox.yellow.com/ws')).toBe(
      'https://clearnet-sandbox.yellow.com/faucet/requestTokens',
    );
    expect(faucetUrlFor('wss://clearnet.yellow.com/ws')).toBeNull();
    expect(faucetUrlFor('wss://node.example/ws')).toBeNull();
  });

  it('knows which nodes are on this machine and names the presets', () => {
    expect(isLocalNode(LOCAL_NODE_URL)).toBeTrue();
    expect(isLocalNode('ws://localhost:1/ws')).toBeTrue();
    expect(isLocalNode('wss://clearnet.yellow.com/ws')).toBeFalse();
  });

  it('prefers ?node=, then the remembered node, then the local one', () => {
    expect(
      chooseNodeUrl('?node=ws%3A%2F%2F127.0.0.1%3A5555%2Fws', 'wss://clearnet.yellow.com/ws'),
    ).toEqual({
      url: 'ws://127.0.0.1:5555/ws',
      fromQuery: true,
      refused: null,
    });
    expect(chooseNodeUrl('', null).refused).toBeNull();
    expect(chooseNodeUrl('', null).url).toBe(LOCAL_NODE_URL);
    expect(chooseNodeUrl('', 'garbage').url).toBe(LOCAL_NODE_URL);
  });

  it('refuses a ?node= that is no ws:// or wss:// address, and says why', () => {
    expect(chooseNodeUrl('?node=http://bad', 'wss://clearnet.yellow.com/ws')).toEqual({
      url: 'wss://clearnet.yellow.com/ws',
      fromQuery: false,
      refused: {
        address: 'http://bad',
        reason: 'A ClearNode address starts with ws:// or wss://.',
      },
    });
    expect(chooseNodeUrl('?node=javascript:alert(1)', null)).toEqual({
      url: LOCAL_NODE_URL,
      fromQuery: false,
      refused: {
        address: 'javascript:alert(1)',
        reason: 'A ClearNode address starts with ws:// or wss://.',
      },
    });
    expect(chooseNodeUrl('?node=data%3Atext%2Fhtml%2Chi', null).refused?.address).toBe(
      'data:text/html,hi',
    );
  });
});
