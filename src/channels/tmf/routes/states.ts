export const ORDER_STATES = ['acknowledged', 'inProgress', 'completed', 'failed', 'cancelled'] as const;
export const TICKET_STATES = ['open', 'scheduled', 'resolved', 'cancelled'] as const;
