/** What the session key may spend per asset, as sent in auth_request and signed in the Policy. */
export interface Allowance {
  readonly asset: string;
  readonly amount: string;
}
