import { appSessionId } from './app-session-id';
import { SessionDefinition } from './session-definition';

const example: SessionDefinition = {
  application: 'my-app',
  protocol: 'NitroRPC/0.4',
  participants: [
    '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  ],
  weights: [50, 50],
  quorum: 100,
  challenge: 0,
  nonce: 1,
};

describe('appSessionId', () => {
  it('matches the protocol notes’ worked example', () => {
    expect(appSessionId(example)).toBe(
      '0x8ab0c49766b17d0bcc1a9d0110198f7d0ce5a7b18aa2ce8db6c94972d0d03d30',
    );
  });

  it('hashes the fields in Go struct order, whatever order the object has', () => {
    const shuffled = {
      nonce: 1,
      challenge: 0,
      quorum: 100,
      weights: [50, 50],
      participants: example.participants,
      protocol: example.protocol,
      application: 'my-app',
    };
    expect(appSessionId(shuffled)).toBe(appSessionId(example));
  });

  it('changes with the nonce', () => {
    expect(appSessionId({ ...example, nonce: 2 })).not.toBe(appSessionId(example));
  });

  it('escapes <, >, & and U+2028 the way Go does, as the local node answers (clearnode test "session-id")', () => {
    expect(appSessionId({ ...example, application: 'a<b>&c\u2028é' })).toBe(
      '0x58bad3e2929daabb929ecb26831d9b2dbbe852c5e5e69907e25b06b4b8f3ce54',
    );
  });

  it('hashes a lone surrogate as U+FFFD, as Go decodes it', () => {
    expect(appSessionId({ ...example, application: 'x\ud800' })).toBe(
      appSessionId({ ...example, application: 'x\ufffd' }),
    );
  });
});
