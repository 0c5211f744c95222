export { SessionKeySigner } from '../../core';
