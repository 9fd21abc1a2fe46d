/**
 * /api/messages for Azure Bot Service channels and the Bot Framework Emulator, through
 * CloudAdapter: requests are authenticated when MICROSOFT_APP_ID/PASSWORD are set (anonymous,
 * for the Emulator, otherwise); replies go back to the activity's serviceUrl.
 */
import express from 'express';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import type { Config } from '../../../config/config';
import type { ConversationLock } from '../directline/ports';

export interface BotFrameworkRoute {
  adapter: CloudAdapter;
  router: express.Router;
}

export function createCloudAdapter(config: Pick<Config, 'microsoftAppId' | 'microsoftAppPassword' | 'microsoftAppTenantId'>): CloudAdapter {
  const app = {
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
    MicrosoftAppType: config.microsoftAppId ? (config.microsoftAppTenantId ? 'SingleTenant' : 'MultiTenant') : undefined,
  };
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(app, new ConfigurationServiceClientCredentialFactory(app)));
}

export function botFrameworkRoute(
  adapter: CloudAdapter,
  lock: ConversationLock,
  run: (context: TurnContext) => Promise<void>,
): express.Router {
  const router = express.Router();
  router.post('/api/messages', express.json({ limit: '64kb' }), async (req, res) => {
    await adapter.process(req, res, (context) => {
      const id = context.activity.conversation?.id;
      return id ? lock.run(`bf:${id}`, () => run(context)) : run(context);
    });
  });
  return router;
}
