import { LOCAL_NODE_URL, faucetUrlFor, isLocalNode, parseNodeUrl } from './node-options';
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
    });
    expect(chooseNodeUrl('?node=http://bad', 'wss://clearnet.yellow.com/ws').url).toBe(
      'wss://clearnet.yellow.com/ws',
    );
    expect(chooseNodeUrl('', null).url).toBe(LOCAL_NODE_URL);
    expect(chooseNodeUrl('', 'garbage').url).toBe(LOCAL_NODE_URL);
  });
});
