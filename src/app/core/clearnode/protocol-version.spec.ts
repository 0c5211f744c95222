import { isV1Address, isV1Frame, v1NodeMessage } from './protocol-version';

describe('ClearNode protocol version', () => {
  it('knows a v1 node by a /v1/ segment in its address', () => {
    expect(isV1Address('wss://nitronode-sandbox.yellow.org/v1/ws')).toBeTrue();
    expect(isV1Address('ws://127.0.0.1:9000/V1/ws')).toBeTrue();
    expect(isV1Address('wss://clearnet-sandbox.yellow.com/ws')).toBeFalse();
    expect(isV1Address('ws://127.0.0.1:8000/ws')).toBeFalse();
    // Only a whole path segment counts: a host or a word containing "v1" does not.
    expect(isV1Address('wss://v1.example/ws')).toBeFalse();
    expect(isV1Address('wss://node.example/v10ws')).toBeFalse();
    expect(isV1Address('not a url')).toBeFalse();
  });

  it('knows a v1 node by the shape of its frames', () => {
    expect(isV1Frame('[2,7,"node.v1.get_config",{"node_address":"0x1"},1700000000000]')).toBeTrue();
    expect(isV1Frame('[4,0,"",{"error":"invalid message"},1700000000000]')).toBeTrue();
    expect(isV1Frame('{"res":[7,"node.v1.ping",{},1700000000000],"sig":[]}')).toBeTrue();
  });

  it('does not take v0.5 frames, relays or noise for v1', () => {
    expect(
      isV1Frame('{"res":[7,"get_config",{"broker_address":"0x1"},1],"sig":["0xs"]}'),
    ).toBeFalse();
    expect(isV1Frame('{"res":[0,"bu",{"balance_updates":[]},1],"sig":["0xs"]}')).toBeFalse();
    expect(isV1Frame('{"req":[3,"message",{},1],"sid":"0xabc","sig":[]}')).toBeFalse();
    expect(isV1Frame('{"res":[7,"error",{"error":"invalid method"},1],"sig":[]}')).toBeFalse();
    expect(isV1Frame('[1,2,3]')).toBeFalse();
    expect(isV1Frame('[9,1,"x",{},1]')).toBeFalse();
    expect(isV1Frame('not json')).toBeFalse();
    expect(isV1Frame('null')).toBeFalse();
  });

  it('explains in plain words what the app speaks, what the node speaks, and what works', () => {
    const text = v1NodeMessage('wss://nitronode-sandbox.yellow.org/v1/ws');
    expect(text).toContain('This app speaks ClearNode protocol v0.5');
    expect(text).toContain(
      'the node at wss://nitronode-sandbox.yellow.org/v1/ws speaks protocol v1',
    );
    expect(text).toContain('the local node, a self-hosted ClearNode v0.5.x');
    expect(text).toContain('legacy v0.5 endpoints');
  });
});
