import { TestBed } from '@angular/core/testing';

/** Builds a functional effect with its dependencies injected from the TestBed's providers. */
export function runEffect<T>(effect: () => T): T {
  return TestBed.runInInjectionContext(effect);
}
