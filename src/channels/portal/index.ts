export { makePortalRouter, PORTAL_COOKIE, PORTAL_SEGMENTS, type PortalDeps, type ProcedureRouteDeps, type ProcedureRoutesFactory } from './portal-router';
export { customerOf, type PortalCustomer } from './portal-session';
export type { PortalPages } from './portal-pages';
export type { ChatTokenMinted } from './chat-routes';
