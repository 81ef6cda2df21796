import type { EvidenceLanguage } from '@suveren/core/contracts/evidence-languages';
import { addMessages } from '../../i18n/translate';
import { registerTierDefinition } from '@suveren/core/tiers';
import { clientSideTierModule } from './client-side';
import { externalTierModule } from './external';
import { hsmTierModule } from './hsm';
import { standardTierModule } from './standard';
import type { TierModule } from './tier-custody';

export type { CustodyPlaceProps, DataKeyProps, IReplicaKey, ReplicaKeyProps, TierCustodyStacks, TierModule } from './tier-custody';

/*
 * The registered tier modules, in the order of packages/core/tiers: the built-in four, then those
 * added with `registerTier`. A new tier is a module (its definition in packages/core/tiers/, its
 * CDK half here) and its catalogue sentences; nothing else branches on it.
 */

const modules: TierModule[] = [standardTierModule, hsmTierModule, externalTierModule, clientSideTierModule];

/**
 * Registers a tier: its definition (for the config schema, the evidence and the reach
 * graph) and its CDK half. Call it before anything loads the config schema
 * (packages/core/config/schema.ts), which reads the tiers once.
 */
export function registerTier(module: TierModule): void {
  registerTierDefinition(module.definition);
  for (const [language, messages] of Object.entries(module.definition.messages ?? {})) addMessages(language as EvidenceLanguage, messages);
  modules.push(module);
}

/** Every registered tier module, in order. */
export function tierModules(): readonly TierModule[] {
  return modules;
}

/** The module of a tier; throws for a name no module registered. */
export function tierModule(tier: string): TierModule {
  const module = modules.find((m) => m.definition.tier === tier);
  if (!module) throw new Error(`no tier module "${tier}" is registered (known: ${modules.map((m) => m.definition.tier).join(', ')})`);
  return module;
}
