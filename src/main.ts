import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';

/**
 * The app holds a session key and sign-in token: inside another page's frame it could be dressed
 * up and clicked on the person's behalf (clickjacking). frame-ancestors cannot be set from a meta
 * tag and static hosts may not send it, so the app itself refuses to start when framed.
 */
function isFramed(): boolean {
  try {
    return window.top !== window.self;
  } catch {
    return true; // a browser that will not even compare says it is framed
  }
}

if (isFramed()) {
  const notice = document.createElement('p');
  notice.setAttribute('role', 'alert');
  notice.textContent = `Nitrolite Sessions does not run inside another page. Open ${location.origin} directly.`;
  document.body.replaceChildren(notice);
} else {
  bootstrapApplication(App, appConfig).catch((err) => console.error(err));
}
