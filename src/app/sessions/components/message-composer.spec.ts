import { TestBed } from '@angular/core/testing';
import { ComposedMessage, MessageComposer } from './message-composer';

describe('MessageComposer', () => {
  it('sends text, and typed JSON only once it parses', async () => {
    const fixture = TestBed.createComponent(MessageComposer);
    const sent: ComposedMessage[] = [];
    fixture.componentInstance.sent.subscribe((message) => sent.push(message));
    const element: HTMLElement = fixture.nativeElement;
    await fixture.whenStable();
    const body = () => element.querySelector<HTMLTextAreaElement>('#message-body')!;
    const send = () => element.querySelector<HTMLButtonElement>('button[type=submit]')!;
    expect(send().disabled).toBeTrue();
    body().value = 'hello';
    body().dispatchEvent(new Event('input'));
    await fixture.whenStable();
    send().click();
    expect(sent).toEqual([{ type: 'text', data: 'hello' }]);

    element.querySelectorAll<HTMLInputElement>('input[name="message-mode"]')[1].click();
    await fixture.whenStable();
    body().value = '{"x":';
    body().dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(send().disabled).toBeTrue();
    expect(element.querySelector('#message-body-error')?.textContent).toContain('Not valid JSON');
    body().value = '{"x":1}';
    body().dispatchEvent(new Event('input'));
    await fixture.whenStable();
    send().click();
    expect(sent[1]).toEqual({ type: 'move', data: { x: 1 } });
  });

  it('keeps the message field focused and empty after Send, ready for the next one', async () => {
    const fixture = TestBed.createComponent(MessageComposer);
    const element: HTMLElement = fixture.nativeElement;
    await fixture.whenStable();
    const body = element.querySelector<HTMLTextAreaElement>('#message-body')!;
    body.value = 'hello';
    body.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    const send = element.querySelector<HTMLButtonElement>('button[type=submit]')!;
    send.focus();
    send.click();
    await fixture.whenStable();
    expect(send.disabled).toBeTrue();
    expect(document.activeElement).toBe(element.querySelector('#message-body'));
    expect(element.querySelector<HTMLTextAreaElement>('#message-body')!.value).toBe('');
  });
});
