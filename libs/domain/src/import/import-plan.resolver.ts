import { directiveKey, normaliseDirectiveNumber } from '../directive';
import { initialPlanState, planCodeDecider, planCodeStreamId, planDecider, planStreamId } from '../plan';
import { CommandContext, LocalDate } from '../shared';
import type { FileDirective } from './import-directives.resolver';
import { ImportDocument } from './import-document';
import { ImportWarning, IssueList } from './import-issues';
import type { ImportRequest, ImportStream, ImportWorld } from './import.resolver';

/** What the plan's stage settled: its new id, the day its directive was signed, and its code and plan streams. */
export interface AdoptedPlan {
  planId: string;
  signedOn: LocalDate | null;
  streams: ImportStream[];
}

/**
 * The plan's stage, after offices and directives: its issuer and follow-up office exist, the directive it
 * carries out is in the file or recorded (and not revoked), then its code is claimed and the plan adopted.
 */
export function adoptPlan(
  doc: ImportDocument,
  world: ImportWorld,
  tree: Map<string, { parent: string | null; status: string }>,
  directives: Map<string, FileDirective>,
  header: { code: string | null; issuer: string | null; assignedOn: LocalDate | null },
  ctx: CommandContext,
  req: ImportRequest,
  issues: IssueList,
  warnings: ImportWarning[],
): AdoptedPlan {
  const plan = doc.plan;
  const { code, issuer, assignedOn } = header;
  const active = (c: string) => tree.get(c)?.status === 'active';
  if (issuer && !active(issuer)) issues.add(plan.at.issuer, tree.has(issuer) ? `office ${issuer} is not active` : `no office ${issuer}`);
  if (plan.followUp && !tree.has(plan.followUp)) issues.add(plan.at.followUp, `no office ${plan.followUp}`);
  let directiveId: string | null = null;
  let signedOn: LocalDate | null = null;
  if (plan.directive) {
    const wanted = normaliseDirectiveNumber(plan.directive);
    const inFile = [...directives.values()]
      .filter((d) => normaliseDirectiveNumber(d.number) === wanted)
      .sort((a, b) => Number(b.issuer === issuer) - Number(a.issuer === issuer))[0];
    const recorded = issuer ? world.directives.get(directiveKey(issuer, plan.directive)) : undefined;
    const found = inFile ?? (recorded && { id: recorded.directiveId, revoked: recorded.revoked, issuedOn: recorded.issuedOn });
    if (!found)
      issues.add(
        plan.at.directive,
        `no directive ${plan.directive}${issuer ? ` of ${issuer}` : ''}: declare it in the file's directives or record it first`,
      );
    else if (found.revoked) issues.add(plan.at.directive, `directive ${plan.directive} is revoked`);
    else {
      directiveId = found.id;
      signedOn = found.issuedOn;
      if (assignedOn && found.issuedOn > assignedOn) {
        warnings.push({
          code: 'PLAN_BEFORE_DIRECTIVE',
          field: plan.at.assignedOn,
          message: `the plan is assigned on ${assignedOn}, before its directive ${plan.directive} (${found.issuedOn})`,
        });
      }
    }
  }
  const planId = req.newId('plan');
  const planField = (f: string | undefined): string => {
    if (!f) return plan.at.code;
    if (f === 'period.from' || f === 'period.to') return plan.at[f.slice(7) as 'from' | 'to'];
    if (f.startsWith('targets')) return `${plan.at.targets}${f.slice('targets'.length)}`;
    return (plan.at as Record<string, string>)[f] ?? `plan.${f}`;
  };
  const planStreams: ImportStream[] = [];
  if (code && issuer && plan.title && plan.period.from && plan.period.to) {
    const claim = issues.guard(planField, () =>
      planCodeDecider.decide({ type: 'ClaimPlanCode', data: { code, planId, issuer } }, null, ctx),
    );
    const adopted = issues.guard(planField, () =>
      planDecider.decide(
        {
          type: 'AdoptPlan',
          data: {
            id: planId,
            code,
            directiveId,
            issuer,
            title: plan.title!,
            period: { from: plan.period.from!, to: plan.period.to! },
            requiresAcceptance: plan.requiresAcceptance,
            followUp: plan.followUp,
            targets: plan.targets,
          },
        },
        initialPlanState,
        ctx,
      ),
    );
    if (claim && adopted)
      planStreams.push({ streamId: planCodeStreamId(issuer, code), events: claim }, { streamId: planStreamId(planId), events: adopted });
  }

  return { planId, signedOn, streams: planStreams };
}
