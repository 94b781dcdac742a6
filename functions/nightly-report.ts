/**
 * A schedule example: EventBridge sends a "Scheduled Event" (see events/scheduled.json) at the
 * times of its cron() or rate() expression. `lambkin invoke nightly-report --event events/scheduled.json`.
 */
interface ScheduledEvent {
  'detail-type': string;
  time: string;
  resources: string[];
}

export const handler = async (event: ScheduledEvent, context: { getRemainingTimeInMillis(): number }) => {
  const rule = event.resources?.[0]?.split('/').pop() ?? 'manual';
  console.log(`${event['detail-type']} from rule ${rule} at ${event.time}`);
  console.log(`time left for the report: ${context.getRemainingTimeInMillis()} ms`);
  return { rule, reportedAt: event.time };
};
