import { ComponentFixture, TestBed } from '@angular/core/testing';
import { CreateSessionForm, CreateSessionRequest } from './create-session-form';

const ME = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BOB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('CreateSessionForm', () => {
  let fixture: ComponentFixture<CreateSessionForm>;
  let element: HTMLElement;
  let created: CreateSessionRequest[];

  beforeEach(async () => {
    fixture = TestBed.createComponent(CreateSessionForm);
    fixture.componentRef.setInput('me', ME);
    fixture.componentRef.setInput('assets', [{ symbol: 'usdc', decimals: 6 }]);
    fixture.componentRef.setInput('balances', { usdc: '10' });
    fixture.componentRef.setInput('allowances', { usdc: '100' });
    fixture.componentRef.setInput('nonce', 1234);
    created = [];
    fixture.componentInstance.create.subscribe((request) => created.push(request));
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  async function fill(selector: string, value: string) {
    const input = element.querySelector<HTMLInputElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  const createButton = () => element.querySelector<HTMLButtonElement>('button[type=submit]')!;

  it('starts with me first and explains what is missing', async () => {
    expect(element.querySelector<HTMLInputElement>('#participant-0')!.value).toBe(ME);
    expect(createButton().disabled).toBeTrue();
    expect(element.querySelector('#create-why')?.textContent).toContain(
      'Participant 2: Enter an address.',
    );
    await fill('#participant-1', '0x70997970c51812dc3A010C7d01b50e0d17dc79C8');
    expect(element.querySelector('#participant-1')?.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('#participant-1-error')?.textContent).toContain('checksum');
  });

  it('creates a session I fund alone, with me deciding alone by default', async () => {
    await fill('#participant-1', BOB);
    await fill('#amount-0-usdc', '10');
    await fill('#label', 'Dinner');
    expect(element.querySelector('#quorum-summary')?.textContent).toContain(
      'Your weight alone reaches the quorum',
    );
    expect(createButton().disabled).toBeFalse();
    createButton().click();
    expect(created).toEqual([
      {
        definition: {
          application: 'nitrolite-sessions',
          protocol: 'NitroRPC/0.4',
          participants: [ME, BOB],
          weights: [100, 0],
          quorum: 100,
          challenge: 0,
          nonce: 1234,
        },
        allocations: [
          { participant: ME, asset: 'usdc', amount: '10' },
          { participant: BOB, asset: 'usdc', amount: '0' },
        ],
        label: 'Dinner',
      },
    ]);
  });

  it('names the participants whose signatures are missing when they fund too', async () => {
    await fill('#participant-1', BOB);
    await fill('#amount-1-usdc', '1');
    expect(createButton().disabled).toBeTrue();
    expect(element.querySelector('#create-why')?.textContent).toContain(
      `Missing signatures: ${BOB}`,
    );
    expect(element.querySelector('#missing-signatures')?.textContent).toContain(
      'requires their signature',
    );
  });

  it('refuses more than my balance, and too many decimals', async () => {
    await fill('#participant-1', BOB);
    await fill('#amount-0-usdc', '11');
    expect(element.querySelector('#amount-0-usdc-error')?.textContent).toContain(
      'More than your unified balance (10 usdc)',
    );
    await fill('#amount-0-usdc', '1.0000001');
    expect(element.querySelector('#amount-0-usdc-error')?.textContent).toContain(
      'at most 6 decimals',
    );
    expect(createButton().disabled).toBeTrue();
  });

  it('offers presets and custom weights with quorum checks', async () => {
    await fill('#participant-1', BOB);
    const radios = element.querySelectorAll<HTMLInputElement>('input[name="weight-preset"]');
    radios[2].click(); // majority
    await fixture.whenStable();
    expect(element.querySelector('#quorum')?.textContent).toContain('51');
    expect(element.querySelector('#quorum-summary')?.textContent).toContain('does not reach');
    radios[3].click(); // custom
    await fixture.whenStable();
    await fill('#quorum', '101');
    expect(element.querySelector('#quorum-error')?.textContent).toContain(
      'cannot be greater than the sum of the weights (100)',
    );
  });

  async function choose(presetLabel: string) {
    const radio = Array.from(
      element.querySelectorAll<HTMLInputElement>('input[name="weight-preset"]'),
    ).find((r) => r.closest('label')?.textContent?.includes(presetLabel))!;
    radio.click();
    await fixture.whenStable();
  }

  it('refuses quorum 0 next to the quorum field', async () => {
    await fill('#participant-1', BOB);
    await choose('Custom');
    await fill('#quorum', '0');
    expect(element.querySelector('#quorum')?.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('#quorum')?.getAttribute('aria-describedby')).toContain(
      'quorum-error',
    );
    expect(element.querySelector('#quorum-error')?.textContent).toContain(
      'The quorum must be at least 1',
    );
    expect(createButton().disabled).toBeTrue();
    expect(element.querySelector('#create-why')?.textContent).toContain('at least 1');
  });

  it('refuses a participant listed twice, in any letter case, next to that participant', async () => {
    await fill('#participant-1', ME.toLowerCase());
    expect(element.querySelector('#participant-1')?.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('#participant-1-error')?.textContent).toContain(
      'Already listed as participant 1.',
    );
    expect(createButton().disabled).toBeTrue();
  });

  it('refuses money of mine in an equal-peers session, saying the others cannot sign here', async () => {
    await fill('#participant-1', BOB);
    await choose('Equal peers');
    await fill('#amount-0-usdc', '10');
    const reason = element.querySelector('#funding-error')?.textContent ?? '';
    expect(reason).toContain('your weight (50) does not reach the quorum (100)');
    expect(reason).toContain('cannot be collected here');
    expect(element.querySelector('#funding-error')?.closest('fieldset')?.textContent).toContain(
      'Weights and quorum',
    );
    expect(createButton().disabled).toBeTrue();
    expect(element.querySelector('#create-why')?.textContent).toContain('cannot be collected here');
    // Still explained: who must sign, and why my weight alone is not enough.
    expect(element.querySelector('#quorum-summary')?.textContent).toContain('does not reach');
    expect(element.querySelector('#amount-0-usdc')?.getAttribute('aria-describedby')).toContain(
      'funding-error',
    );
  });

  it('allows an equal-peers session in which I put nothing', async () => {
    await fill('#participant-1', BOB);
    await choose('Equal peers');
    expect(element.querySelector('#funding-error')).toBeNull();
    expect(createButton().disabled).toBeFalse();
    expect(element.textContent).toContain('Nobody puts funds in');
  });

  describe('focus and names', () => {
    const removeButtons = () =>
      Array.from(element.querySelectorAll<HTMLButtonElement>('button')).filter((b) =>
        b.getAttribute('aria-label')?.startsWith('Remove participant'),
      );
    const addButton = () =>
      Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find(
        (b) => b.textContent?.trim() === 'Add participant',
      )!;
    async function press(target: HTMLButtonElement) {
      target.focus();
      target.click();
      await fixture.whenStable();
    }

    it('after Remove, moves to the next participant, or to Add participant after the last', async () => {
      await press(addButton());
      expect(document.activeElement?.id).toBe('participant-2');
      await fill('#participant-1', BOB);
      await fill('#participant-2', '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC');
      await press(removeButtons()[0]); // participant 2 of 3
      expect(document.activeElement?.id).toBe('participant-1');
      expect((document.activeElement as HTMLInputElement).value).toBe(
        '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
      );
      await press(removeButtons()[0]); // the last one
      expect(document.activeElement).toBe(addButton());
    });

    it('names every control uniquely', async () => {
      await fill('#participant-1', BOB);
      fixture.componentRef.setInput('assets', [
        { symbol: 'usdc', decimals: 6 },
        { symbol: 'eth', decimals: 18 },
      ]);
      await fixture.whenStable();
      await choose('Custom');
      const nameOf = (control: Element): string => {
        const label = control.getAttribute('aria-label');
        if (label) return label;
        const labelledBy = control.getAttribute('aria-labelledby');
        if (labelledBy) return document.getElementById(labelledBy)?.textContent?.trim() ?? '';
        const own = control.id
          ? element.querySelector(`label[for="${control.id}"]`)
          : control.closest('label');
        return (own ?? control).textContent?.replace(/\s+/g, ' ').trim() ?? '';
      };
      const controls = Array.from(element.querySelectorAll('input, select, button, textarea'));
      const names = controls.map(nameOf);
      expect(names.filter((name) => !name)).toEqual([]);
      expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
      for (const name of [
        'Your address',
        'Participant 2 address',
        'Your weight',
        'Participant 2 weight',
        'Your amount of usdc',
        'Participant 2 amount of usdc',
        'Your amount of eth',
        'Remove participant 2',
      ])
        expect(names).toContain(name);
    });
  });
});
