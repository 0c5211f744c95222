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

  it('keeps the field focused after Send, its text until the message has gone, and empties it then', async () => {
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
    fixture.componentRef.setInput('busy', true);
    fixture.componentRef.setInput('outcome', 'pending');
    await fixture.whenStable();
    expect(send.disabled).toBeTrue();
    expect(document.activeElement).toBe(element.querySelector('#message-body'));
    expect(body.value).toBe('hello');
    fixture.componentRef.setInput('busy', false);
    fixture.componentRef.setInput('outcome', 'sent');
    await fixture.whenStable();
    expect(body.value).toBe('');
  });

  it('keeps what was typed when the send failed', async () => {
    const fixture = TestBed.createComponent(MessageComposer);
    const element: HTMLElement = fixture.nativeElement;
    await fixture.whenStable();
    const body = element.querySelector<HTMLTextAreaElement>('#message-body')!;
    body.value = 'try again';
    body.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    fixture.componentRef.setInput('outcome', 'pending');
    await fixture.whenStable();
    fixture.componentRef.setInput('outcome', 'failed');
    await fixture.whenStable();
    expect(body.value).toBe('try again');
  });

  it('sends on Enter and makes a new line on Shift+Enter', async () => {
    const fixture = TestBed.createComponent(MessageComposer);
    const element: HTMLElement = fixture.nativeElement;
    const sent: unknown[] = [];
    fixture.componentInstance.sent.subscribe((message) => sent.push(message));
    await fixture.whenStable();
    const body = element.querySelector<HTMLTextAreaElement>('#message-body')!;
    body.value = 'line one';
    body.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    const shifted = new KeyboardEvent('keydown', {
      key: 'Enter',
      shiftKey: true,
      cancelable: true,
    });
    body.dispatchEvent(shifted);
    expect(shifted.defaultPrevented).toBeFalse();
    expect(sent).toEqual([]);
    const enter = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true });
    body.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBeTrue();
    expect(sent).toEqual([{ type: 'text', data: 'line one' }]);
  });
});
