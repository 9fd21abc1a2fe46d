/**
 * The response schema of every staff operation, by operationId (as response-registry.ts does for
 * the customer API). The staff OpenAPI document takes its response bodies from here and refuses a
 * route without one; each entry is checked at compile time against what the handler's desk
 * returns (`fits<T>()`: T must be assignable to the schema's input). Streams (text/event-stream)
 * and 204s have no JSON body and are not listed.
 */
import { z } from 'zod';
import { fits, type Out } from '../api/response-registry';
import * as r from '../api/response-schemas';
import * as c from '../api/response-schemas-contacts';
import type { Care } from '../../domain/care';
import type { StaffDesk } from '../../domain/staff/staff-desk';
import type { ChatTarget } from '../../domain/staff/chat-desk';
import type { CsrActionName, CsrActionResult } from '../../domain/staff/csr-actions';
import type { Approvals } from '../../domain/staff/approvals';
import type { StaffView } from '../../domain/staff/staff';
import type { CallHandOff } from '../../domain/staff/voice-pickup';
import type { Escalation } from '../../domain/escalation/escalation';
import type { Interaction } from '../../domain/interactions/interaction';
import * as s from './staff-response-schemas';
import { catalogReloadSchema, SUPERVISOR_RESPONSES } from './supervisor-openapi';
import type { StaffCatalog } from '../../domain/staff/catalog-reload';
import * as cs from './campaign-openapi';
import type { Campaigns } from '../../domain/campaigns/campaigns-api';

type ChatAnswer<S extends string> = Pick<ChatTarget, 'escalationId' | 'interactionId' | 'conversationId'> & { state: S };
/** What CsrActions.perform answers for `A`: `result` is the record of the use case it ran (csr-actions.ts, run). */
type Action<A extends CsrActionName, R> = Omit<CsrActionResult, 'action' | 'result'> & { action: A; result: R };
type WrapUp = { escalation: Pick<Escalation, 'id' | 'status' | 'resolution' | 'closedAt'>; interaction: Pick<Interaction, 'id' | 'status' | 'outcome'> };

export const STAFF_RESPONSE_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  staffSignIn: fits<{ token: string; tokenType: 'Bearer'; expiresAt: string; staff: StaffView }>()(s.staffSessionSchema),
  staffMe: fits<StaffView>()(s.staffViewSchema),
  staffDispositions: fits<{ items: ReturnType<StaffDesk['dispositions']> }>()(s.dispositionsSchema),
  staffQueue: fits<{ items: Out<StaffDesk['queue']> }>()(s.queueSchema),
  staffAccept: fits<Out<StaffDesk['accept']>>()(s.acceptSchema),
  staffWrapUp: fits<WrapUp>()(s.wrapUpSchema),
  staffConnectCall: fits<{ call: CallHandOff }>()(s.connectCallSchema),

  staffChatJoin: fits<ChatAnswer<'joined'>>()(s.chatStateSchema('joined')),
  staffChatSay: fits<ChatAnswer<'sent'>>()(s.chatStateSchema('sent')),
  staffChatHandBack: fits<ChatAnswer<'handed-back'>>()(s.chatStateSchema('handed-back')),
  staffChatEnd: fits<ChatAnswer<'ended'>>()(s.chatStateSchema('ended')),
  staffChatMessages: fits<ChatAnswer<'open'> & Omit<Out<NonNullable<import('../../domain/staff/chat-desk').ChatDesk>['messages']>, 'target'>>()(s.chatMessagesSchema),

  staffActionAdjustment: fits<Action<'adjustment', Out<Care['billing']['requestAdjustment']>>>()(s.csrActionResultSchema('adjustment', r.adjustmentSchemaOut)),
  staffActionExtension: fits<Action<'extension', Out<Care['billing']['requestExtension']>>>()(s.csrActionResultSchema('extension', r.extensionSchemaOut)),
  staffActionOrderNew: fits<Action<'order-new', Out<Care['orders']['submitNew']>>>()(s.csrActionResultSchema('order-new', r.orderSchema)),
  staffActionModification: fits<Action<'modification', Out<Care['orders']['submitModification']>>>()(s.csrActionResultSchema('modification', r.orderSchema)),
  staffActionDiscontinuation: fits<Action<'discontinuation', Out<Care['orders']['submitDiscontinuation']>>>()(s.csrActionResultSchema('discontinuation', r.orderSchema)),
  staffActionRepair: fits<Action<'repair', Out<Care['repair']['troubleshoot']>>>()(s.csrActionResultSchema('repair', c.repairOutcomeSchema)),

  staffApprovals: fits<{ items: Out<Approvals['pending']> }>()(s.pendingApprovalsSchema),
  staffDecideApproval: fits<Out<Approvals['decide']>>()(z.union([r.adjustmentSchemaOut, r.extensionSchemaOut])),
  // Outbound campaigns and the suppression list (campaign-openapi.ts).
  staffCampaigns: fits<{ items: Out<Campaigns['list']> }>()(z.object({ items: z.array(cs.campaignSchema) })),
  staffCreateCampaign: fits<Out<Campaigns['create']>>()(cs.campaignViewSchema),
  staffCampaign: fits<Out<Campaigns['get']>>()(cs.campaignViewSchema),
  staffCampaignTargets: fits<{ items: Out<Campaigns['targets']> }>()(z.object({ items: z.array(cs.campaignTargetSchema) })),
  staffPauseCampaign: fits<Out<Campaigns['pause']>>()(cs.campaignViewSchema),
  staffResumeCampaign: fits<Out<Campaigns['resume']>>()(cs.campaignViewSchema),
  staffSuppressions: fits<{ items: Out<Campaigns['suppressions']> }>()(z.object({ items: z.array(cs.suppressionSchema) })),
  staffSuppress: fits<Out<Campaigns['suppress']>>()(cs.suppressionSchema),
  staffReloadCatalog: fits<Out<StaffCatalog['reload']>>()(catalogReloadSchema),
  // Reports and the wallboard (supervisor-openapi.ts).
  ...SUPERVISOR_RESPONSES,
};
