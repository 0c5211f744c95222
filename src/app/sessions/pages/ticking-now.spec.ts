import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { tickingNow } from './ticking-now';

describe('tickingNow', () => {
  let time = 0;
  const now = () => time;

  beforeEach(() => {
    time = 0;
    jasmine.clock().install();
  });
  afterEach(() => jasmine.clock().uninstall());

  function start(active: () => boolean) {
    const ticking = TestBed.runInInjectionContext(() => tickingNow(now, active));
    TestBed.tick();
    return ticking;
  }

  it('reads the time every second while active', () => {
    const ticking = start(() => true);
    expect(ticking()).toBe(0);
    time = 1000;
    jasmine.clock().tick(1000);
    expect(ticking()).toBe(1000);
    time = 2000;
    jasmine.clock().tick(1000);
    expect(ticking()).toBe(2000);
  });

  it('stands still while inactive, and picks up again when active', () => {
    const active = signal(true);
    const ticking = start(active);
    active.set(false);
    time = 500;
    TestBed.tick();
    expect(ticking()).toBe(500);
    time = 5000;
    jasmine.clock().tick(5000);
    expect(ticking()).toBe(500);
    active.set(true);
    TestBed.tick();
    expect(ticking()).toBe(5000);
  });

  it('stops when its injector is destroyed', () => {
    const ticking = start(() => true);
    TestBed.resetTestingModule();
    time = 3000;
    jasmine.clock().tick(3000);
    expect(ticking()).toBe(0);
  });
});
