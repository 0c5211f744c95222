import { Injectable } from '@angular/core';

/** The nitrolite SDK module, typed but never imported eagerly. */
export type NitroliteSdk = typeof import('@erc7824/nitrolite');

/**
 * The one door to `@erc7824/nitrolite`. The SDK (with viem inside) is ~1.6 MB raw, so it is
 * fetched with a dynamic import the first time something needs it and cached afterwards.
 */
@Injectable({ providedIn: 'root' })
export class NitroliteSdkLoader {
  private sdk?: Promise<NitroliteSdk>;

  load(): Promise<NitroliteSdk> {
    this.sdk ??= import('@erc7824/nitrolite').then(unwrapCommonJs).catch((error: unknown) => {
      this.sdk = undefined; // allow a retry after a failed chunk download
      throw new Error(`Could not load the Nitrolite SDK: ${describe(error)}`);
    });
    return this.sdk;
  }
}

/** The SDK is CommonJS; a bundler's dynamic import may hand its exports over under `default`. */
function unwrapCommonJs(module: NitroliteSdk): NitroliteSdk {
  const wrapped = (module as { default?: NitroliteSdk }).default;
  return typeof module.createECDSAMessageSigner === 'function' || !wrapped ? module : wrapped;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
