// The envelope every Bot Framework activity has, checked before botbuilder or the bot sees the
// request: a body without it is a bad request (400), never a failed turn (500). Only what the
// adapter and the bot rely on is checked; everything else passes through as Teams sent it.
import type { Activity } from 'botbuilder';
import { z } from 'zod';

const id = (max: number) => z.string().min(1).max(max);
const optionalText = (max: number) => z.string().max(max).optional();

const account = z.looseObject({
  id: id(512),
  name: optionalText(512),
  aadObjectId: optionalText(128),
});

const activityShape = z.looseObject({
  type: id(64),
  id: optionalText(512),
  channelId: id(64),
  serviceUrl: z
    .string()
    .max(2048)
    .refine((v) => /^https?:\/\/[^\s]+$/i.test(v)),
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id: id(1024),
    tenantId: optionalText(128),
    conversationType: optionalText(64),
  }),
  channelData: z.looseObject({ tenant: z.looseObject({ id: optionalText(128) }).optional() }).optional(),
  text: z.string().optional(),
  localTimezone: optionalText(128),
  membersAdded: z.array(account).optional(),
  membersRemoved: z.array(account).optional(),
});

export type ActivityCheck = { ok: true; activity: Activity } | { ok: false; problem: string };

/** The body as an activity, or which of its fields are missing or malformed (never their values). */
export function checkActivity(body: Record<string, unknown>): ActivityCheck {
  const parsed = activityShape.safeParse(body);
  if (parsed.success) return { ok: true, activity: body as unknown as Activity };
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.map(String).join('.') || 'body'))];
  return { ok: false, problem: `the body is not a Bot Framework activity: ${fields.join(', ')} ${fields.length === 1 ? 'is' : 'are'} missing or malformed` };
}
