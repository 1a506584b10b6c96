// Job notifications: Zoom "POSTs on job state changes" (pre-release spec) or "when a job finishes"
// (docs); the simulator notifies on every change, signed when the job has a secret
// (shared/providers/zoom.md §1.9). Event names (`batch_job.<state>`) are the simulator's own: Zoom
// publishes none.
import { signZoomWebhook } from "../webhook.ts";

/** A webhook request the simulator sent (or tried to) for a job created with `notifications`. */
export interface WebhookDelivery {
  jobId: string;
  url: string;
  eventType: string;
  headers: Record<string, string>;
  body: string;
  /** The receiver's status, or the error that stopped the delivery. */
  status?: number;
  error?: string;
}

interface NotifiableJob {
  job_id: string;
  state: string;
  request: { notifications?: { webhook_url: string; secret?: string } };
}

export function createNotifier<Job extends NotifiableJob, View>(config: {
  now: () => Date;
  webhookFetch: (request: Request) => Promise<Response>;
  /** The job as the payload carries it. */
  render: (job: Job) => View;
}) {
  const deliveries: WebhookDelivery[] = [];
  let pending: Promise<void>[] = [];

  const send = async (delivery: WebhookDelivery, secret: string | undefined, timestamp: number) => {
    try {
      if (secret)
        Object.assign(delivery.headers, await signZoomWebhook({ secret, rawBody: delivery.body, timestamp }));
      const response = await config.webhookFetch(
        new Request(delivery.url, { method: "POST", headers: delivery.headers, body: delivery.body }),
      );
      delivery.status = response.status;
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
  };

  return {
    deliveries,
    /** Sends the job's notification for its current state (nothing when it has no `notifications`). */
    notify(job: Job): void {
      const target = job.request.notifications;
      if (!target) return;
      const eventType = `batch_job.${job.state.toLowerCase()}`;
      const delivery: WebhookDelivery = {
        jobId: job.job_id,
        url: target.webhook_url,
        eventType,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ event_type: eventType, job: config.render(job) }),
      };
      deliveries.push(delivery);
      pending.push(send(delivery, target.secret, Math.floor(config.now().getTime() / 1000)));
    },
    /** Resolves once every notification sent so far has been answered (or failed). */
    async flush(): Promise<void> {
      while (pending.length > 0) {
        const now = pending;
        pending = [];
        await Promise.all(now);
      }
    },
    reset(): void {
      deliveries.length = 0;
      pending = [];
    },
  };
}
