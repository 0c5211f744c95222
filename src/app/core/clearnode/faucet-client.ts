import { Injectable } from '@angular/core';

export interface FaucetResult {
  readonly message: string;
}

/**
 * Asks the node's faucet for test tokens (`POST {userAddress}`). The tokens arrive in the
 * unified balance; the node announces them with a `bu` push.
 */
@Injectable({ providedIn: 'root' })
export class FaucetClient {
  async requestTokens(faucetUrl: string, userAddress: string): Promise<FaucetResult> {
    let response: Response;
    try {
      response = await fetch(faucetUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userAddress }),
      });
    } catch {
      throw new Error(`The faucet at ${faucetUrl} could not be reached.`);
    }
    const body = (await response.json().catch(() => null)) as {
      success?: boolean;
      message?: string;
      error?: string;
      amount?: unknown;
    } | null;
    if (!response.ok || body?.success === false) {
      throw new Error(
        `The faucet refused: ${body?.error ?? body?.message ?? `HTTP ${response.status}`}.`,
      );
    }
    if (body?.message) return { message: body.message };
    return {
      message:
        body?.amount !== undefined ? `Received ${String(body.amount)}.` : 'Tokens requested.',
    };
  }
}
