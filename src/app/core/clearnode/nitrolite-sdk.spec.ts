import { TestBed } from '@angular/core/testing';
import { NitroliteSdkLoader } from './nitrolite-sdk';

describe('NitroliteSdkLoader', () => {
  it('loads the SDK lazily once and hands out the same module afterwards', async () => {
    const loader = TestBed.inject(NitroliteSdkLoader);
    const first = await loader.load();
    const second = await loader.load();
    expect(typeof first.createECDSAMessageSigner).toBe('function');
    expect(typeof first.parseAnyRPCResponse).toBe('function');
    expect(second === first)
      .withContext('same module instance')
      .toBeTrue();
  });
});
