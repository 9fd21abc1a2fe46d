/**
 * /api/messages for Azure Bot Service channels and the Bot Framework Emulator, through
 * CloudAdapter: requests are authenticated when MICROSOFT_APP_ID/PASSWORD are set (anonymous,
 * for the Emulator, otherwise); replies go back to the activity's serviceUrl. Anonymous
 * activities may only name a loopback serviceUrl (the Emulator on this machine): the bot would
 * otherwise POST its replies wherever a stranger asks (server-side request forgery). Without
 * an app id in production the route is not mounted at all (see createChatChannel).
 *
 * The body is checked here first (a clear 400, the bot never runs on a malformed activity) and
 * failures are logged through our logger: CloudAdapter.process would print stack traces to the
 * console and answer a missing field with a 500.
 */
import express from 'express';
import { z } from 'zod';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type Activity, type TurnContext } from 'botbuilder';
import { isLoopbackHost, type Config } from '../../../config/config';
import type { Logger } from '../../../shared/logger';
import { HttpProblem, sendProblem, toProblem, type HttpCode } from '../../../shared/http/problem';
import type { ConversationLock } from '../directline/ports';
import { HANDOFF_EVENT_NAME } from '../handoff/handoff-relay';

/** CloudAdapter with its turn entry point (protected upstream) reachable. */
export class ChatCloudAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createCloudAdapter(config: Pick<Config, 'microsoftAppId' | 'microsoftAppPassword' | 'microsoftAppTenantId'>): ChatCloudAdapter {
  const app = {
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
    MicrosoftAppType: config.microsoftAppId ? (config.microsoftAppTenantId ? 'SingleTenant' : 'MultiTenant') : undefined,
  };
  return new ChatCloudAdapter(new ConfigurationBotFrameworkAuthentication(app, new ConfigurationServiceClientCredentialFactory(app)));
}

/** What a channel must send for the bot to run and answer; everything else passes through as the channel sent it. */
const BotFrameworkActivity = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(500).optional(),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.string().url().max(2000),
    conversation: z.object({ id: z.string().min(1).max(500) }).passthrough(),
    from: z.object({ id: z.string().min(1).max(500) }).passthrough(),
    recipient: z.object({ id: z.string().max(500) }).passthrough().optional(),
    text: z.string().max(20_000).optional(),
    name: z.string().max(200).refine((n) => !HANDOFF_EVENT_NAME.test(n), 'handoff events come only from the CSR console').optional(),
  })
  .passthrough();

function problem(req: express.Request, res: express.Response, status: number, code: HttpCode, detail: string, errors?: { path: string; message: string }[]): void {
  const { problem: body, headers } = toProblem(new HttpProblem(status, code, detail, errors), req.originalUrl);
  sendProblem(res, body, headers);
}

/** True when the URL names this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

export interface BotFrameworkRouteOptions {
  /** Unauthenticated (no app id): only activities whose serviceUrl is loopback are handled. */
  loopbackServiceUrlsOnly: boolean;
}

export function botFrameworkRoute(adapter: ChatCloudAdapter, lock: ConversationLock, run: (context: TurnContext) => Promise<void>, logger: Pick<Logger, 'warn' | 'error'>, opts: BotFrameworkRouteOptions): express.Router {
  const router = express.Router();
  router.post('/api/messages', express.json({ limit: '64kb' }), async (req, res) => {
    const parsed = BotFrameworkActivity.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = `body${issue.path.length ? `.${issue.path.join('.')}` : ''}`;
      return problem(req, res, 400, 'BAD_REQUEST', `not a Bot Framework activity: ${path}: ${issue.message}`, [{ path, message: issue.message }]);
    }
    if (opts.loopbackServiceUrlsOnly && !isLoopbackUrl(parsed.data.serviceUrl)) {
      logger.warn({ channelId: parsed.data.channelId }, 'chat: /api/messages refused an anonymous activity whose serviceUrl is not on this machine');
      const message = 'without MICROSOFT_APP_ID only a loopback serviceUrl (127.0.0.0/8, ::1, localhost) is accepted';
      return problem(req, res, 400, 'BAD_REQUEST', `body.serviceUrl: ${message}`, [{ path: 'body.serviceUrl', message }]);
    }
    const activity = parsed.data as unknown as Activity;
    try {
      const invoke = await adapter.handle(req.get('authorization') ?? '', activity, (context) => lock.run(`bf:${activity.conversation.id}`, () => run(context)));
      res.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) res.json(invoke.body);
      else res.end();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 401) {
        logger.warn({ channelId: activity.channelId, reason: (err as Error).message }, 'chat: /api/messages refused an unauthenticated activity');
        return problem(req, res, 401, 'UNAUTHENTICATED', 'the Bot Framework token is missing or not valid for this bot');
      }
      logger.error({ err, channelId: activity.channelId }, 'chat: /api/messages turn failed');
      return problem(req, res, 500, 'INTERNAL_ERROR', 'the bot could not handle this activity');
    }
  });
  return router;
}
