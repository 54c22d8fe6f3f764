import { CommandContext, Role, forbidden } from '../shared';

/** Role gate shared by every aggregate of this library: forbidden, so nothing is written. */
export function requireRole(ctx: CommandContext, roles: readonly Role[]): void {
  if (!roles.includes(ctx.actor.role)) {
    throw forbidden('ROLE_NOT_ALLOWED', `role ${ctx.actor.role} may not do this (needs ${roles.join(' or ')})`);
  }
}

/**
 * A leader (or inspector) acts within the subtree of the office its role is granted for; an admin
 * is not limited to a subtree (API.md, conventions). The tree is the application's: we only ask.
 * `subject` names what is refused when the office comes from the record, not from the request
 * ("the plan"): a refusal never names an office of another subtree the actor did not name itself.
 */
export function requireWithinSubtree(ctx: CommandContext, office: string, subject?: string): void {
  if (ctx.actor.role === 'admin') return;
  if (!ctx.isWithin(office, ctx.actor.office)) {
    throw forbidden(
      'OUTSIDE_SUBTREE',
      subject ? `${subject} is outside your subtree` : `office ${office} is outside the subtree of ${ctx.actor.office}`,
    );
  }
}

/** Directives, plans and index scores are written by leaders within their subtree, or by admins. */
export function requireLeaderFor(ctx: CommandContext, office: string, subject?: string): void {
  requireRole(ctx, ['leader', 'admin']);
  requireWithinSubtree(ctx, office, subject);
}
