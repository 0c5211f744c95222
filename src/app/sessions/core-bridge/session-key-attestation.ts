export {
  SessionKeyAttestations,
  type SessionKeyAttestation,
  NitroliteSdkLoader,
  APPLICATION_NAME,
} from '../../core';
