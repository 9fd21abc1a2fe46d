/** The voice channel: Twilio IVR driven by ivr-flows/. */
export { createVoiceChannel, type VoiceChannelDeps } from './voice-router';
export type { CallState, CallStateStore, Versioned } from './call-state';
export { loadFlows, checkFlows, FlowError, formatProblem, type Flows, type FlowProblem } from './flows/load-flows';
export type { VoiceLogger } from './voice-logger';
