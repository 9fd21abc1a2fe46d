export { createViews, webDir, type PageData, type Views } from './views';
export { pageAssets, pageHeaders, PAGE_CSP } from './page-headers';
export { createPageCsrf, CSRF_FIELD, isCsrfError, type PageCsrf } from './csrf';
export { cookieSession, type CookieSession } from './cookie-session';
export { flashFrom, withNotice, type FlashMessages } from './flash';
