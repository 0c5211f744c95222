import type { BrokerSigner } from '../crypto/keccak-signer.ts';
import type { ConnectionHub } from './connection-hub.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { balanceJson } from '../ledger/ledger.ts';
import { accountId } from '../address.ts';
import { signedNotification } from './response.ts';

/** Server pushes (`bu`, `tr`, `asu`, ...) to every connection authenticated as a wallet. */
export class Notifier {
  #signer: BrokerSigner;
  #hub: ConnectionHub;
  #ledger: Ledger;

  constructor(signer: BrokerSigner, hub: ConnectionHub, ledger: Ledger) {
    this.#signer = signer;
    this.#hub = hub;
    this.#ledger = ledger;
  }

  notify(wallet: string, method: string, params: unknown): void {
    const connections = this.#hub.of(wallet);
    if (connections.length === 0) return;
    const frame = signedNotification(this.#signer, method, params);
    for (const connection of connections) connection.send(frame);
  }

  balanceUpdate(wallet: string): void {
    if (this.#hub.of(wallet).length === 0) return;
    this.notify(wallet, 'bu', this.balancesOf(wallet));
  }

  balancesOf(wallet: string): { balance_updates: { asset: string; amount: string }[] } {
    return { balance_updates: this.#ledger.balances(accountId(wallet), wallet).map(balanceJson) };
  }
}
