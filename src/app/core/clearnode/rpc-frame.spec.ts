import { parseIncomingFrame, rawArrayOf } from './rpc-frame';

describe('rpc frames', () => {
  it('cuts the res array out exactly as sent, whitespace and escapes included', () => {
    const res = '[7,"get_config",{"note":"a \\"]\\" inside","x":[1,{"y":"}"}]},1700000000000]';
    expect(rawArrayOf(`{"res":${res},"sig":["0xab"]}`, 'res')).toBe(res);
    expect(rawArrayOf(`{ "sig":["0x"], "res" : ${res} }`, 'res')).toBe(res);
    expect(rawArrayOf('{"res":"not an array"}', 'res')).toBeNull();
    expect(rawArrayOf('{"other":{"res":[1]}}', 'res'))
      .withContext('nested keys are not top level')
      .toBeNull();
    expect(rawArrayOf('{"note":"\\"res\\":[1]","res":[2,"m",{}]}', 'res')).toBe('[2,"m",{}]');
  });

  it('reads a response with its id, method, params and signed text', () => {
    const raw =
      '{"res":[42,"auth_challenge",{"challenge_message":"c"},1700000000000],"sig":["0x01"]}';
    const frame = parseIncomingFrame(raw);
    expect(frame.kind).toBe('response');
    if (frame.kind !== 'response') return;
    expect(frame.id).toBe(42);
    expect(frame.method).toBe('auth_challenge');
    expect(frame.params).toEqual({ challenge_message: 'c' });
    expect(frame.sig).toEqual(['0x01']);
    expect(frame.signedText).toBe('[42,"auth_challenge",{"challenge_message":"c"},1700000000000]');
  });

  it('recognises relayed app messages by their sid', () => {
    const raw = '{"req":[5,"message",{"type":"chat"},1700000000000],"sid":"0xabc","sig":["0x02"]}';
    const frame = parseIncomingFrame(raw);
    expect(frame.kind).toBe('relayed');
    if (frame.kind !== 'relayed') return;
    expect(frame.message.sid).toBe('0xabc');
    expect(frame.message.req[1]).toBe('message');
    expect(frame.message.sig).toEqual(['0x02']);
    expect(frame.message.raw).toBe(raw);
  });

  it('marks anything else invalid instead of throwing', () => {
    expect(parseIncomingFrame('not json').kind).toBe('invalid');
    expect(parseIncomingFrame('[1,2]').kind).toBe('invalid');
    expect(parseIncomingFrame('{"res":[1]}').kind).toBe('invalid');
    expect(parseIncomingFrame('{"res":["1","m",{}]}').kind).toBe('invalid');
  });
});
