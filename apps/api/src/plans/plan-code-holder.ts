import { legacyPlanCodeStreamId, planCodeDecider, planCodeStreamId, planDecider, planStreamId } from '@dondoc/domain/plan';
import { AggregateRunner } from '../application/aggregate-runner';

/**
 * The plan that holds `code` for `issuer`, or null. Codes are unique per issuer; claims made while
 * they were global (one stream per code) still hold the code, but only for their own plan's issuer,
 * so that existing data keeps its uniqueness and other issuers are free to reuse the code.
 */
export async function planCodeHolder(runner: AggregateRunner, issuer: string, code: string): Promise<string | null> {
  const current = await runner.load(planCodeStreamId(issuer, code), planCodeDecider);
  if (current.state) return current.state.planId;
  const legacy = await runner.load(legacyPlanCodeStreamId(code), planCodeDecider);
  if (!legacy.state) return null;
  const { state: plan } = await runner.load(planStreamId(legacy.state.planId), planDecider);
  return plan?.issuer === issuer ? legacy.state.planId : null;
}
