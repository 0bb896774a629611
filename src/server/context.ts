import type { Role } from '../domain/roles.ts';
import type { Db } from './db/client.ts';

/** The authenticated user on whose behalf a service runs. */
export type Caller = {
  userId: number;
  username: string;
  role: Role;
  unitId: number;
  /** Path of the caller's unit, "/1/4/"; the caller's scope is this subtree. */
  unitPath: string;
  /** For department users: their department, whose routed problems they see. */
  departmentId?: number | null;
};

/** Everything a service operation needs: the database, who asks, and for tracing, the request. */
export type ServiceContext = {
  db: Db;
  caller: Caller;
  requestId: string | null;
  now: Date;
};
