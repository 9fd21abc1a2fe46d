export { createChatChannel, type ChatChannel, type ChatChannelDeps } from './create-chat-channel';
export { HandoffRelay, type AgentRef, type CustomerMessage } from './handoff/handoff-relay';
export { loadChatDialogs, ChatDialogsError } from './dialogs-data/load-chat-dialogs';
