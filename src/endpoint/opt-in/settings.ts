import * as z from 'zod/mini';
import { emailAddress } from '../../schema/common.js';
import { formatPath } from '../config.js';

const mailSettings = z.object({
  W4R_SMTP_URL: z.string().check(
    z.refine((value) => {
      try {
        const url = new URL(value);
        return /^smtps?:$/.test(url.protocol) && url.hostname !== '';
      } catch {
        return false;
      }
    }, 'An SMTP relay such as smtp://user:password@mail.example.org:587 or smtps://…:465.'),
  ),
  W4R_MAIL_FROM: z.string().check(z.trim(), emailAddress),
  W4R_OPT_IN_SECRET: z.string().check(z.minLength(32, 'At least 32 characters (openssl rand -hex 24).')),
});

export type MailSettings = z.output<typeof mailSettings>;

/**
 * The environment's mail settings when the campaign needs them (double opt-in), else undefined; a
 * list of problems naming each variable when they are missing or wrong.
 */
export function mailSettingsFrom(
  env: Record<string, string | undefined>,
  needed: boolean,
): { settings?: MailSettings; problems: string[] } {
  if (!needed) return { problems: [] };
  const parsed = mailSettings.safeParse({
    W4R_SMTP_URL: env.W4R_SMTP_URL,
    W4R_MAIL_FROM: env.W4R_MAIL_FROM,
    W4R_OPT_IN_SECRET: env.W4R_OPT_IN_SECRET,
  });
  if (parsed.success) return { settings: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.map(
      (issue) =>
        `${formatPath(issue.path)}: ${issue.code === 'invalid_type' ? 'must be set, since the campaign has optIn.doubleOptIn' : issue.message}`,
    ),
  };
}
