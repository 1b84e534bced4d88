/**
 * A policy file: an authority's supervision policy as data. Every rule names a check from
 * the catalogue, its parameters, and the requirement it enforces: the id from the register,
 * the clause, the policy's exact words, and any local reading of vague words.
 */
import { z } from 'zod';

const text = z.string().trim().min(1);

export const ruleSchema = z
  .object({
    /** The requirement id of REQUIREMENTS.md, such as BAR-6.1-cp. */
    requirement: z.string().regex(/^[A-Z]{3}-[A-Za-z0-9.]+(-[A-Za-z0-9.]+)*$/, 'a requirement id looks like BAR-6.1-cp'),
    /** The clause, as the report cites it: "Barnsley 6.1". */
    clause: text,
    /** The policy's own words, quoted exactly. */
    words: text,
    check: text,
    params: z.unknown().default({}),
    /** How the rule reads vague words, in plain English; printed beside the rule. */
    reading: text.optional(),
  })
  .strict();

export const notCheckableSchema = z
  .object({
    clause: text,
    words: text.optional(),
    reason: text,
  })
  .strict();

export const policySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'a policy id is lower case letters, digits and hyphens'),
    title: text,
    authority: text,
    version: text,
    /** The document the rules quote. */
    source: text,
    rules: z.array(ruleSchema).min(1),
    notCheckable: z.array(notCheckableSchema).default([]),
  })
  .strict();

export type PolicyFile = z.infer<typeof policySchema>;
export type RuleFile = z.infer<typeof ruleSchema>;
export type NotCheckable = z.infer<typeof notCheckableSchema>;
