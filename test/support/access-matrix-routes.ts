// Every write route of the API with the body that would succeed for the rightful actor: the access matrix's rows.
import type { Route } from './access-matrix-world';
import { ADMIN_ROUTES } from './access-matrix-routes-admin';
import { INSPECTION_ROUTES } from './access-matrix-routes-inspections';
import { PLAN_ROUTES } from './access-matrix-routes-plans';

export const ROUTES: Route[] = [...PLAN_ROUTES, ...ADMIN_ROUTES, ...INSPECTION_ROUTES];
