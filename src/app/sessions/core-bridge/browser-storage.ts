export { BROWSER_STORAGE } from '../../core';
