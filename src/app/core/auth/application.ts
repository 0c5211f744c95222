/** The application name in the EIP-712 Policy domain, the session key's binding and app sessions. */
export const APPLICATION_NAME = 'nitrolite-sessions';

/** The scope sent with auth_request (the node stores it but does not enforce it). */
export const AUTH_SCOPE = 'nitrolite-sessions';

/** Default session key lifetime: 24 h. */
export const DEFAULT_SESSION_SECONDS = 24 * 60 * 60;

/** Offer renewal this long before the session key expires. */
export const RENEW_BEFORE_SECONDS = 60 * 60;
