/** api/: the Hono app for merchants, credit officers, data scientists and the simulator. */
export { createApp } from './app.ts';
export { openContext, type AppContext, type ContextOptions, type Limits } from './context.ts';
export { authenticate, requireRole, principalFor, TOKEN_COOKIE, type AuthVariables } from './auth/middleware.ts';
export { TokenAuthority, DEFAULT_TOKEN_HOURS, ROLES, RoleSchema, type Claims, type Role } from './auth/token.ts';
export { Keyring, keyringPath } from './auth/keyring.ts';
export { Revocations, revocationsPath } from './auth/revocations.ts';
export { ApiProblem, ProblemSchema, problemResponse } from './http/problem.ts';
export type { Env } from './http/route.ts';
export { startServer, type RunningServer, type ServerOptions } from './server.ts';
