// Job notifications: Zoom "POSTs on job state changes" (pre-release spec) or "when a job finishes"
// (docs); the simulator notifies on every change, signed when the job has a secret
// (shared/providers/zoom.md §1.9). Event names (`batch_job.<state>`) are the simulator's own: Zoom
// publishes none.
import type { Delivery, Outbox } from "../../core/simulator/index.ts";
import { signZoomWebhook } from "../webhook.ts";

/** A notification the simulator sent (or tried to) for a job created with `notifications`. */
export interface WebhookDelivery extends Delivery {
  jobId: string;
  eventType: string;
}

/** Posts the job's notification for its current state (nothing when it has no `notifications`). */
export function notifyJob(
  outbox: Outbox<WebhookDelivery>,
  job: {
    job_id: string;
    state: string;
    request: { notifications?: { webhook_url: string; secret?: string } };
  },
  view: unknown,
  now: Date,
): void {
  const target = job.request.notifications;
  if (!target) return;
  const eventType = `batch_job.${job.state.toLowerCase()}`;
  const rawBody = JSON.stringify({ event_type: eventType, job: view });
  const timestamp = Math.floor(now.getTime() / 1000);
  const { secret } = target;
  outbox.post(
    {
      jobId: job.job_id,
      eventType,
      url: target.webhook_url,
      headers: { "content-type": "application/json" },
      body: rawBody,
    },
    secret
      ? async (d) => void Object.assign(d.headers, await signZoomWebhook({ secret, rawBody, timestamp }))
      : undefined,
  );
}
