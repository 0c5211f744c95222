export { ClearNodeClient } from '../../core';
